package com.shopkhaos.model.reconciliation;

import static com.shopkhaos.model.ordersync.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.HandClock;
import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.InMemoryKhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import com.shopkhaos.model.ordersync.InMemoryCheckpoints;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import com.shopkhaos.model.ordersync.InMemoryShopOrders;
import com.shopkhaos.model.ordersync.OrderAsItWouldBeSent;
import com.shopkhaos.model.ordersync.TestOrders;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.InMemoryCustomerReturns;
import com.shopkhaos.model.returns.ReturnCause;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.returns.ReturnLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nightly run: which orders it looks at, the report it keeps, and the one exception per problem it leaves. */
class NightlyReconciliationTest {
    private static final String SHOP = "shop1";
    private static final String SCARF = "SCARF-MER-GRY";
    private static final String HAT = "HAT-BEANIE-NVY";
    /** 4 December 2026 in London (GMT in winter). */
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    private final HandClock clock = new HandClock(Instant.parse("2026-12-05T02:30:00Z"));
    private final InMemoryShopOrders shop = new InMemoryShopOrders();
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryReconciliationReports reports = new InMemoryReconciliationReports();
    private final TestOrders.TextSalesOrderFormat format = new TestOrders.TextSalesOrderFormat();
    private final InMemoryCustomerReturns returns = new InMemoryCustomerReturns();
    private final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue().add(TestOrders.item(SCARF), TestOrders.item(HAT));
    private final NightlyReconciliation nightly = nightlyFrom(Optional.empty());

    /** The night on this test's fakes, with a 2p rounding tolerance, 2 hours before an order is late, the go-live given. */
    private NightlyReconciliation nightlyFrom(Optional<Instant> goLive) {
        return new NightlyReconciliation(new InMemoryShopRegistry().confirmed(SHOP), shop, ledger, exceptions, checkpoints, reports,
                new OrderAsItWouldBeSent(TestOrders.policy(), new InMemoryOrderMappings(), catalogue), format, returns,
                new NightlyReconciliation.Settings(new OrderReconciliation.Settings(new BigDecimal("0.02"), Duration.ofHours(2)), "GBP",
                        goLive), clock);
    }

    private ShopOrder inShop(ShopOrder order) {
        shop.put(SHOP, order, order.placedAt());
        return order;
    }

    /** Sent to Khaos as it was then, and imported there under SO + its number. */
    private void importedInKhaos(ShopOrder sent) {
        Instant at = sent.placedAt().plusSeconds(60);
        String json = format.write(OrderTranslator.translate(sent, TestOrders.policy(), catalogue::byStockCode).salesOrder().orElseThrow());
        OrderLedgerEntry ready = OrderLedgerEntry.received(SHOP, sent.orderId(), sent.orderNumber(), "evt-" + sent.orderNumber(),
                "checkout.order.placed", at).ready(json, at, "checked");
        ledger.create(ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("p1").downloaded(at), at, "served")
                .moveTo(OrderState.IMPORTED, ready.khaos().servedIn("p1").downloaded(at).reported("SO" + sent.orderNumber(), "1",
                        "Received", KhaosOrderProgress.RECEIVED), at, "Khaos has it"));
    }

    /** A scarf order placed then (London time), imported in Khaos, and refunded in full in the shop later. */
    private void refundedAfterImport(int n, String placed, String refunded) {
        importedInKhaos(order(n).line(SCARF, 1, "20.00").placedAt(at(placed)).build());
        shop.put(SHOP, order(n).line(SCARF, 1, "20.00").placedAt(at(placed)).payment("payment_card", ShopPaymentState.REFUNDED).build(),
                at(refunded));
    }

    private static Instant at(String londonLocal) {
        return java.time.LocalDateTime.parse(londonLocal).atZone(BusinessDay.LONDON).toInstant();
    }

    private static ReconciliationLine line(ReconciliationReport report, String orderNumber) {
        return report.lines().stream().filter(l -> l.orderNumber().equals(orderNumber)).findFirst().orElseThrow();
    }

    @Test
    void theBusinessDayIsLondons_soTheDaysTheClocksChangeHave23And25Hours() {
        assertThat(Duration.between(new BusinessDay(LocalDate.of(2026, 3, 29)).start(), new BusinessDay(LocalDate.of(2026, 3, 29)).end()))
                .isEqualTo(Duration.ofHours(23));
        assertThat(Duration.between(new BusinessDay(LocalDate.of(2026, 10, 25)).start(), new BusinessDay(LocalDate.of(2026, 10, 25)).end()))
                .isEqualTo(Duration.ofHours(25));
        assertThat(BusinessDay.of(Instant.parse("2026-06-30T23:30:00Z")).date()).as("half past midnight BST").isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(BusinessDay.before(Instant.parse("2026-12-05T02:30:00Z")).date()).isEqualTo(DAY);
    }

    @Test
    void aDayOfAgreeingAndDifferingOrders_isReportedLineByLine_andTheSummaryIsTheSumOfItsLines() {
        ShopOrder agrees = inShop(order(1).line(SCARF, 2, "20.00").placedAt(at("2026-12-04T09:00")).build());
        importedInKhaos(agrees);
        inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T23:59:59")).build());
        ShopOrder refunded = order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T00:00")).build();
        importedInKhaos(refunded);
        inShop(order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T00:00")).payment("payment_card", ShopPaymentState.REFUNDED).build());
        inShop(order(4).line(SCARF, 1, "23.20").placedAt(at("2026-12-04T12:00")).currency("EUR", "1.16")
                .salesChannel("web-ie").build());
        inShop(order(5).line(SCARF, 1, "20.00").placedAt(at("2026-12-03T23:59:59")).build());

        ReconciliationReport report = nightly.nightly();

        assertThat(report.day()).isEqualTo(DAY);
        assertThat(report.lines()).extracting(ReconciliationLine::orderNumber).as("the day's orders only, by London's midnight")
                .containsExactlyInAnyOrder("10001", "10002", "10003", "10004");
        assertThat(line(report, "10001").reason()).isEqualTo(ReconciliationReason.OK);
        assertThat(line(report, "10001").confirmedGross()).isEqualByComparingTo("44.95");
        assertThat(line(report, "10002").reason()).isEqualTo(ReconciliationReason.NOT_IN_LEDGER);
        assertThat(line(report, "10003").reason()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);
        assertThat(line(report, "10004").reason()).as("the channel takes pounds only: it never reached us")
                .isEqualTo(ReconciliationReason.NOT_IN_LEDGER);

        ReconciliationSummary summary = report.summary();
        assertThat(summary.orders()).isEqualTo(4);
        assertThat(summary.needingAPerson()).isEqualTo(3);
        BigDecimal eurosInPounds = new BigDecimal("28.15").divide(new BigDecimal("1.16"), 2, java.math.RoundingMode.HALF_UP);
        assertThat(summary.shopGross()).as("44.95 + 19.95 + 34.95 + the euro order in pounds")
                .isEqualByComparingTo(new BigDecimal("99.85").add(eurosInPounds));
        assertThat(summary.shopGross()).isEqualByComparingTo(report.lines().stream().map(l -> l.facts().inBase(l.shopGross()))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(summary.difference()).as("only the orders we never heard of were not sent")
                .isEqualByComparingTo(new BigDecimal("19.95").add(eurosInPounds));
        assertThat(summary.explained()).isEqualByComparingTo(summary.difference());
        assertThat(summary.currencies().get(0).shopGrossBase()).isEqualByComparingTo(eurosInPounds);
        assertThat(summary.unexplained()).isEqualByComparingTo("0");
        assertThat(summary.currencies()).extracting(ReconciliationSummary.CurrencyTotals::currency).containsExactly("EUR", "GBP");
        assertThat(summary.currencies().get(0).shopGross()).isEqualByComparingTo("28.15");
        assertThat(summary.salesChannels()).extracting(ReconciliationSummary.GroupTotals::key).containsExactly("web-ie", "web-uk");
        assertThat(summary.reason(ReconciliationReason.REFUNDED_IN_SHOP).amount()).isEqualByComparingTo("34.95");
        assertThat(summary.vatRates()).singleElement().satisfies(r -> assertThat(r.vat()).isEqualByComparingTo(
                report.lines().stream().flatMap(l -> l.facts().shopTaxes().stream().map(t -> l.facts().inBase(t.tax())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
        ReconciliationSummary.RateTotals twenty = summary.vatRates().get(0);
        assertThat(twenty.sentBasis()).as("10001 and 10003, as Khaos was sent them").isEqualByComparingTo("79.90");
        assertThat(twenty.sentVat()).as("at the shop's rates, the same VAT as the shop's on those two")
                .isEqualByComparingTo(java.util.stream.Stream.of("10001", "10003").flatMap(n -> line(report, n).facts().shopTaxes().stream())
                        .map(com.shopkhaos.model.order.TaxPortion::tax).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(twenty.confirmedVat()).as("Khaos reported holding both").isEqualByComparingTo(twenty.sentVat());
        assertThat(summary.paymentMethods().stream().map(ReconciliationSummary.GroupTotals::confirmedGross)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).as("the payment methods' confirmed totals are the lines'")
                .isEqualByComparingTo(report.lines().stream().map(l -> l.facts().inBase(l.confirmedGross())).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("79.90");
        assertThat(reports.find(DAY)).contains(report);
    }

    @Test
    void aRefundWhoseReturnKhaosTook_isReportedSettled_withNobodyToAct_andOneWhoseReturnWaitsStillNeedsFinance() {
        ShopOrder taken = order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T10:00")).build();
        importedInKhaos(taken);
        ShopOrder refundedInFull = inShop(order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T10:00"))
                .payment("payment_card", ShopPaymentState.REFUNDED).build());
        ShopOrder refundedAgain = order(8).line(HAT, 2, "15.00").placedAt(at("2026-12-04T12:00")).build();
        importedInKhaos(refundedAgain);
        ShopOrder partlyThenInFull = inShop(order(8).line(HAT, 2, "15.00").placedAt(at("2026-12-04T12:00"))
                .payment("payment_card", ShopPaymentState.REFUNDED).build());
        ShopOrder waiting = order(7).line(SCARF, 1, "20.00").placedAt(at("2026-12-04T11:00")).build();
        importedInKhaos(waiting);
        inShop(order(7).line(SCARF, 1, "20.00").placedAt(at("2026-12-04T11:00")).payment("payment_card", ShopPaymentState.REFUNDED).build());
        // order-sync raised each refund at once; Khaos's return download acknowledged 10003's return, which resolved it
        String refund3 = ExceptionRecord.idFor(ExceptionType.REFUNDED_IN_SHOP, ExceptionSubject.order("10003"));
        for (String number : List.of("10003", "10007")) {
            exceptions.raise(ExceptionRecord.open(ExceptionType.REFUNDED_IN_SHOP, ExceptionSubject.order(number), "refunded", "",
                    at("2026-12-04T15:00")));
        }
        returns.add(CustomerReturn.ready(SHOP, taken.orderId(), "10003", 1, ReturnCause.FULL_REFUND, List.of(new ReturnLine("li-1", HAT,
                new BigDecimal("2"))), "URN1", "REFUND", at("2026-12-04T15:00"),
                RefundReturns.asking(refundedInFull.payments().get(0))));
        returns.downloaded("10003-R1", "kr1-1", at("2026-12-04T16:00"));
        // 10008's return was for a partial refund, taken; the rest was refunded since and order-sync has not seen it yet
        ShopPayment partial = refundedAgain.payments().get(0);
        returns.add(CustomerReturn.ready(SHOP, refundedAgain.orderId(), "10008", 1, ReturnCause.PARTIAL_REFUND, List.of(new ReturnLine("li-1", HAT, BigDecimal.ONE)), "URN1", "REFUND",
                at("2026-12-04T15:00"), RefundReturns.asking(new ShopPayment(partial.transactionId(), partial.methodTechnicalName(),
                partial.methodName(), ShopPaymentState.REFUNDED_PARTIALLY, partial.amount())) + " returns [li-1×1]"));
        returns.downloaded("10008-R1", "kr1-1", at("2026-12-04T16:00"));
        exceptions.resolve(refund3, "khaos (took return 10003-R1)", at("2026-12-04T16:00"));
        returns.add(CustomerReturn.ready(SHOP, waiting.orderId(), "10007", 1, ReturnCause.FULL_REFUND, List.of(new ReturnLine("li-1",
                SCARF, BigDecimal.ONE)), "URN1", "REFUND", at("2026-12-04T15:00")));

        ReconciliationReport report = nightly.run(DAY);

        ReconciliationLine settled = line(report, "10003");
        assertThat(settled.reason()).as("still a refund in the shop, for finance to see").isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);
        assertThat(settled.needsAPerson()).isFalse();
        assertThat(settled.whoActs()).isEqualTo("nobody: Khaos took customer return 10003-R1, its credit for the refund");
        assertThat(settled.exceptionIds()).containsExactly(refund3);
        assertThat(exceptions.find(refund3).orElseThrow().status()).as("not raised again by the night").isEqualTo(ExceptionStatus.RESOLVED);
        ReconciliationLine waits = line(report, "10007");
        assertThat(waits.needsAPerson()).as("its return is not in Khaos yet").isTrue();
        assertThat(waits.whoActs()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP.whoActs());
        assertThat(line(report, "10008").needsAPerson()).as("refunded in full since its return: not settled by it").isTrue();
        assertThat(partlyThenInFull.payments().get(0).state()).isEqualTo(ShopPaymentState.REFUNDED);
        assertThat(report.summary().needingAPerson()).isEqualTo(2);
        assertThat(report.summary().reason(ReconciliationReason.REFUNDED_IN_SHOP).orders()).isEqualTo(3);
    }

    @Test
    void aDifferenceNoOtherProblemSays_opensOneException_andAnOpenProblemIsLinkedInstead() {
        inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        ShopOrder held = inShop(order(6).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        ledger.create(OrderLedgerEntry.received(SHOP, held.orderId(), held.orderNumber(), "evt-6", "checkout.order.placed",
                held.placedAt()).quarantined(List.of("UNKNOWN_SKU#10006:" + HAT), held.placedAt(), "held"));
        exceptions.raise(ExceptionRecord.open(ExceptionType.UNKNOWN_SKU, ExceptionSubject.order("10006", HAT), "no such code", "",
                held.placedAt()));

        ReconciliationReport report = nightly.nightly();

        assertThat(line(report, "10002").exceptionIds()).containsExactly("RECONCILIATION_DIFFERENCE#10002");
        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10002")).get().extracting(ExceptionRecord::reason).asString()
                .contains("never heard of").contains("19.95");
        assertThat(line(report, "10006").reason()).isEqualTo(ReconciliationReason.NOT_SENT);
        assertThat(line(report, "10006").exceptionIds()).as("the quarantine already says so").containsExactly("UNKNOWN_SKU#10006:" + HAT);
        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10006")).isEmpty();
    }

    /** The first night after webhooks were lost: many problems to keep, kept in parallel, the report in its order. */
    @Test
    void aNightWithManyOrdersNeedingAPerson_raisesOneProblemEach_andKeepsTheReportsOrder() {
        int lost = NightlyReconciliation.PARALLEL_FROM * 3;
        List<String> numbers = new java.util.ArrayList<>();
        for (int n = 1; n <= lost; n++) {
            numbers.add(inShop(order(100 + n).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00").plusSeconds(n)).build()).orderNumber());
        }
        inShop(order(99).line(HAT, 1, "15.00").placedAt(at("2026-12-04T09:00")).build());

        ReconciliationReport report = nightly.nightly();

        assertThat(report.lines()).extracting(ReconciliationLine::orderNumber).containsSubsequence(numbers);
        assertThat(report.lines()).filteredOn(l -> numbers.contains(l.orderNumber()))
                .allSatisfy(l -> assertThat(l.exceptionIds()).containsExactly("RECONCILIATION_DIFFERENCE#" + l.orderNumber()));
        assertThat(exceptions.ofType(ExceptionType.RECONCILIATION_DIFFERENCE)).hasSize(lost + 1);
        assertThat(nightly.nightly().lines()).as("the same report again").isEqualTo(report.lines());
        assertThat(exceptions.raised).as("nothing raised twice").hasSize(lost + 1);
    }

    @Test
    void runningADayTwice_givesTheSameReport_andRaisesNothingTwice() {
        inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        ShopOrder refunded = order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T11:00")).build();
        importedInKhaos(refunded);
        inShop(order(3).line(HAT, 2, "15.00").placedAt(at("2026-12-04T11:00")).payment("payment_card", ShopPaymentState.REFUNDED).build());

        ReconciliationReport first = nightly.run(DAY);
        clock.advance(Duration.ofHours(3));
        ReconciliationReport second = nightly.run(DAY);

        assertThat(second.lines()).isEqualTo(first.lines());
        assertThat(second.summary()).isEqualTo(first.summary());
        assertThat(exceptions.raised).extracting(ExceptionRecord::id).containsExactlyInAnyOrder("RECONCILIATION_DIFFERENCE#10002",
                "REFUNDED_IN_SHOP#10003");
        assertThat(reports.saves).isEqualTo(2);
    }

    @Test
    void anOrderWhoseDifferenceIsGone_resolvesTheReconciliationsOwnProblem_onTheNextRun() {
        ShopOrder late = inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        nightly.nightly();
        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10002")).get().extracting(ExceptionRecord::status)
                .isEqualTo(ExceptionStatus.OPEN);

        importedInKhaos(late);
        clock.advance(Duration.ofDays(1));
        ReconciliationReport nextNight = nightly.nightly();

        assertThat(nextNight.day()).isEqualTo(DAY.plusDays(1));
        assertThat(line(nextNight, "10002").reason()).as("looked at again for its open difference").isEqualTo(ReconciliationReason.OK);
        assertThat(nextNight.summary().orders()).isZero();
        assertThat(nextNight.summary().rechecked()).isEqualTo(1);
        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10002")).get().extracting(ExceptionRecord::status)
                .isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aDifferenceAPersonResolved_isNotRaisedAgain_whileItStaysTheSame() {
        inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        nightly.run(DAY);
        exceptions.resolve("RECONCILIATION_DIFFERENCE#10002", "finance", clock.instant());

        clock.advance(Duration.ofHours(1));
        ReconciliationReport again = nightly.run(DAY);

        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10002")).get().extracting(ExceptionRecord::status)
                .isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(line(again, "10002").exceptionIds()).containsExactly("RECONCILIATION_DIFFERENCE#10002");
    }

    @Test
    void anOrderOfAnEarlierDayChangedDuringTheDay_isLookedAtAgain_andCountedApart() {
        refundedAfterImport(7, "2026-11-20T10:00", "2026-12-04T15:00");

        ReconciliationReport report = nightly.run(DAY);

        assertThat(line(report, "10007").reason()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);
        assertThat(report.summary().orders()).isZero();
        assertThat(report.summary().rechecked()).isEqualTo(1);
        assertThat(report.summary().shopGross()).as("the day's revenue is the day's orders'").isEqualByComparingTo("0");
    }

    @Test
    void theFirstRun_looksForChangedOrdersFromTheGoLiveTime_neverTheShopsHistoryBeforeIt() {
        NightlyReconciliation fromGoLive = nightlyFrom(Optional.of(at("2026-11-25T09:00")));
        refundedAfterImport(7, "2026-11-20T10:00", "2026-11-28T15:00");
        refundedAfterImport(9, "2026-11-01T10:00", "2026-11-24T15:00");

        ReconciliationReport first = fromGoLive.run(DAY);

        assertThat(first.changesFrom()).isEqualTo(at("2026-11-25T09:00"));
        assertThat(first.lines()).extracting(ReconciliationLine::orderNumber).as("changed after go-live, not the day before it")
                .containsExactly("10007");
        assertThat(fromGoLive.run(DAY.plusDays(1)).changesFrom()).as("the next night goes on from where the first stopped")
                .isEqualTo(new BusinessDay(DAY).end());
    }

    @Test
    void aDayNotBegunInLondon_isRefused() {
        assertThatThrownBy(() -> nightly.run(DAY.plusDays(2))).isInstanceOf(NightlyReconciliation.DayNotStartedException.class)
                .hasMessageContaining("2026-12-06");
    }

    @Test
    void anItemWhoseTaxCodeChangedInKhaosAfterTheOrderWasSent_isAVatSplitDifference_linkedToNothingElse() {
        ShopOrder order = inShop(order(8).line(HAT, 2, "12.00").placedAt(at("2026-12-04T10:00")).build());
        importedInKhaos(order);
        CatalogueItem was = TestOrders.item(HAT);
        catalogue.add(new CatalogueItem(was.stockId(), HAT, was.description(), was.otherRef(), "2", Optional.of(new BigDecimal("5")),
                false, false, true, true, false, false, Instant.parse("2026-12-04T12:00:00Z")));

        ReconciliationLine line = line(nightly.run(DAY), "10008");

        assertThat(line.reason()).isEqualTo(ReconciliationReason.VAT_SPLIT_DIFFERS);
        assertThat(line.findings()).extracting(ReconciliationLine.Finding::reason).containsExactly(ReconciliationReason.VAT_SPLIT_DIFFERS);
        assertThat(line.findings().get(0).detail()).contains("5");
        assertThat(line.exceptionIds()).containsExactly("RECONCILIATION_DIFFERENCE#10008");
    }

    @Test
    void aDifferenceTheNightResolvedItself_thatComesBack_isRaisedAgain() {
        ShopOrder late = inShop(order(2).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).build());
        nightly.run(DAY);
        ExceptionRecord first = exceptions.find("RECONCILIATION_DIFFERENCE#10002").orElseThrow();
        exceptions.resolve(first.id(), "reconciliation (order 10002 agrees now, or another problem says it)", clock.instant());

        clock.advance(Duration.ofHours(1));
        nightly.run(DAY);

        assertThat(exceptions.find("RECONCILIATION_DIFFERENCE#10002")).get().extracting(ExceptionRecord::status)
                .as("the night's own resolution is no person's decision").isEqualTo(ExceptionStatus.OPEN);
        assertThat(late.orderNumber()).isEqualTo("10002");
    }

    @Test
    void anOrderCancelledBeforeItWasSent_isNotDueInKhaos_notAnUnexplainedDifference() {
        ShopOrder cancelled = inShop(order(9).line(HAT, 1, "15.00").placedAt(at("2026-12-04T10:00")).cancelled().build());
        ledger.create(OrderLedgerEntry.received(SHOP, cancelled.orderId(), cancelled.orderNumber(), "evt-9", "checkout.order.placed",
                cancelled.placedAt()).moveTo(OrderState.WITHDRAWN, cancelled.placedAt(), "cancelled in the shop"));

        ReconciliationReport report = nightly.run(DAY);

        assertThat(line(report, "10009").reason()).isEqualTo(ReconciliationReason.OK);
        assertThat(report.summary().unexplained()).isEqualByComparingTo("0");
        assertThat(report.summary().pending()).isEqualByComparingTo("19.95");
    }

    @Test
    void aMissedNight_isCaughtUp_soAnOrderChangedThenIsLookedAtAgain_butNeverMoreThanAMonthBack() {
        checkpoints.advance(NightlyReconciliation.CHECKPOINT, Optional.empty(), at("2026-12-02T00:00"));
        refundedAfterImport(7, "2026-11-20T10:00", "2026-12-02T15:00");

        ReconciliationReport report = nightly.run(DAY);

        assertThat(report.changesFrom()).isEqualTo(at("2026-12-02T00:00"));
        assertThat(line(report, "10007").reason()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);

        checkpoints.marks.put(NightlyReconciliation.CHECKPOINT, at("2026-01-01T00:00"));
        assertThat(nightly.run(DAY.plusDays(1)).changesFrom()).isEqualTo(new BusinessDay(DAY.plusDays(1)).start().minus(Duration.ofDays(31)));
    }
}
