package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.despatch.InMemoryShipmentBook;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import com.shopkhaos.model.returns.InMemoryCustomerReturns;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.returns.ReturnRequests;
import com.shopkhaos.model.returns.ShopReturnLine;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import static com.shopkhaos.model.ordersync.TestOrders.SHOP;
import static com.shopkhaos.model.ordersync.TestOrders.discontinued;
import static com.shopkhaos.model.ordersync.TestOrders.item;
import static com.shopkhaos.model.ordersync.TestOrders.order;
import static com.shopkhaos.model.ordersync.TestOrders.runToZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.InMemoryKhaosCatalogue;
import com.shopkhaos.model.khaos.InMemoryKhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ledger.HeldStock;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.InMemoryInFlightHolds;
import com.shopkhaos.model.stock.InMemoryStockChangePublisher;
import com.shopkhaos.model.stock.InMemoryStockVersions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * order-sync, one {@code order-events} message at a time: what the ledger, the exception ledger, the in-flight stock
 * and the stock-changes queue show afterwards. Whatever the order of events and however often each comes, an order
 * ends in one state with one exception per problem, and a transient failure is thrown (the queue tries again) without
 * losing anything.
 */
class OrderSyncServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:05:00Z");
    private static final String SCARF = "SCARF-MER-GRY";
    private static final String HAT = "HAT-BEANIE-NVY";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final InMemoryShopOrders shop = new InMemoryShopOrders();
    private final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue().add(item(SCARF), item(HAT));
    private final InMemoryStockVersions versions = new InMemoryStockVersions();
    private final InMemoryKhaosStockLevels levels = new InMemoryKhaosStockLevels(versions);
    private final InMemoryInFlightHolds inFlight = new InMemoryInFlightHolds();
    private final InMemoryStockChangePublisher stockChanges = new InMemoryStockChangePublisher();
    private final InMemoryOrderMappings mappings = new InMemoryOrderMappings();
    private final OrderSyncService service = service(ReadinessPolicy.ON_PAID);

    private OrderSyncService service(ReadinessPolicy readiness) {
        return new OrderSyncService(ledger, exceptions, shop, catalogue, levels, new InFlightOrders(inFlight, versions), stockChanges, mappings,
                new TestOrders.TextSalesOrderFormat(), TestOrders.policy(), readiness, clock);
    }

    private ShopOrder inShop(ShopOrder order) {
        shop.put(SHOP, order, TestOrders.PLACED);
        return order;
    }

    private static OrderEvent event(ShopOrder order, OrderEventType type) {
        return OrderEvent.of("evt-" + type + "-" + order.orderNumber(), SHOP, type, order.orderId(), order.orderNumber(), NOW);
    }

    private OrderState placed(ShopOrder order) {
        return service.process(event(order, OrderEventType.ORDER_PLACED));
    }

    private OrderLedgerEntry entry(ShopOrder order) {
        return ledger.find(order.orderId()).orElseThrow(() -> new AssertionError("no ledger entry for " + order.orderNumber()));
    }

    private static String id(ExceptionType type, ShopOrder order, String key) {
        return ExceptionRecord.idFor(type, order.orderNumber() + ":" + key);
    }

    private static long movesTo(OrderLedgerEntry entry, OrderState state) {
        return entry.timeline().stream().filter(t -> t.event().endsWith("→ " + state)).count();
    }

    /** An order Khaos already has: READY, served, downloaded, and (when given a code) imported. */
    private OrderLedgerEntry handedOver(ShopOrder order, String khaosCode) {
        Instant at = NOW.minus(Duration.ofHours(2));
        KhaosHandover served = KhaosHandover.NONE.withSalesOrder("AssociatedRef=" + order.orderNumber()).servedIn("p1").downloaded(at);
        OrderLedgerEntry entry = OrderLedgerEntry.received(SHOP, order.orderId(), order.orderNumber(), "evt-0",
                        "checkout.order.placed", at)
                .ready("AssociatedRef=" + order.orderNumber(), at, "checked")
                .moveTo(OrderState.DOWNLOADED, served, at, "served");
        if (!khaosCode.isEmpty()) {
            entry = entry.moveTo(OrderState.IMPORTED, served.reported(khaosCode, "4711", "Received", KhaosOrderProgress.RECEIVED), at, "Khaos imported it");
        }
        ledger.entries.put(entry.orderId(), entry);
        return entry;
    }

    // ---- the happy path and redelivery -------------------------------------------------------------------------

    @Test
    void aValidPaidOrder_becomesReady_withTheSalesOrderKhaosWillDownload() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());

        assertThat(placed(order)).isEqualTo(OrderState.READY);

        OrderLedgerEntry entry = entry(order);
        assertThat(entry.state()).isEqualTo(OrderState.READY);
        assertThat(entry.orderNumber()).isEqualTo("10001");
        assertThat(entry.khaos().salesOrder()).contains("AssociatedRef=10001", "CustomData=" + order.orderId(), "Courier=RM48",
                "Lines=SCARF-MER-GRY x2 @20.00", "Payments=Card 44.95", "GrossTotal=44.95");
        assertThat(exceptions.records).as("nothing for a person").isEmpty();
        assertThat(inFlight.heldBy(order.orderId())).as("the units the shop took are in flight").isEqualTo(Map.of(SCARF, 2));
        assertThat(stockChanges.published).singleElement().satisfies(c -> {
            assertThat(c.stockCodes()).containsExactly(SCARF);
            assertThat(c.shopChangedItself()).isTrue();
        });
    }

    @Test
    void anOrderIsHandedToKhaosExactlyOnce_evenWhenTheEventArrivesTwice() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        placed(order);
        OrderLedgerEntry first = entry(order);

        assertThat(placed(order)).isEqualTo(OrderState.READY);
        assertThat(service.process(event(order, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.READY);
        assertThat(service.process(event(order, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.READY);

        OrderLedgerEntry after = entry(order);
        assertThat(after.version()).as("a redelivery writes nothing").isEqualTo(first.version());
        assertThat(movesTo(after, OrderState.READY)).as("made READY once").isEqualTo(1);
        assertThat(after.khaos().salesOrder()).isEqualTo(first.khaos().salesOrder());
        assertThat(inFlight.heldBy(order.orderId())).as("held once, not once per event").isEqualTo(Map.of(SCARF, 2));
        assertThat(stockChanges.published).as("no stock change for an unchanged hold").hasSize(1);
    }

    @Test
    void anOrderChangedInTheShopWhileReady_hasItsSalesOrderRebuilt_andStaysReadyOnce() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        placed(order);
        inShop(order(1).line(SCARF, 2, "20.00").postcode("LS2 7HY").build()); // the customer's address corrected

        assertThat(service.process(event(order, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.READY);

        OrderLedgerEntry entry = entry(order);
        assertThat(entry.khaos().salesOrder()).contains("Postcode=LS2 7HY").doesNotContain("LS1 4AP");
        assertThat(movesTo(entry, OrderState.READY)).isEqualTo(1);
        assertThat(entry.timeline()).extracting(TimelineEntry::event).contains("order changed in the shop");
    }

    // ---- holds, one exception per problem ------------------------------------------------------------------------

    @Test
    void anUnknownSkuHoldsTheOrderWithOneException_andTheQueueMovesOn() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").line("MYSTERY-MUG", 1, "9.00").build());

        assertThat(placed(order)).as("finishes normally: the message is done").isEqualTo(OrderState.QUARANTINED);

        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG");
        assertThat(exceptions.records).containsOnlyKeys(unknown);
        ExceptionRecord record = exceptions.records.get(unknown);
        assertThat(record.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(record.reason()).contains("MYSTERY-MUG");
        OrderLedgerEntry entry = entry(order);
        assertThat(entry.state()).isEqualTo(OrderState.QUARANTINED);
        assertThat(entry.exceptionIds()).containsExactly(unknown);
        assertThat(entry.khaos().salesOrder()).as("nothing for Khaos to download").isEmpty();

        ShopOrder next = inShop(order(2).line(HAT, 1, "15.00").build());
        assertThat(placed(next)).as("the next order is not held up").isEqualTo(OrderState.READY);
    }

    @Test
    void aKhaosItemWhoseTaxCodeHasNoPercentage_holdsTheOrderAsAnUnknownTaxRateCode_theSameTypeTheChannelRaises() {
        catalogue.add(new CatalogueItem("7001", "GLOVES-WOOL", "GLOVES-WOOL", "", "9", Optional.empty(), false, false, true,
                true, false, false, NOW));
        ShopOrder order = inShop(order(1).line(SCARF, 1, "20.00").line("GLOVES-WOOL", 1, "12.00").build());

        assertThat(placed(order)).isEqualTo(OrderState.QUARANTINED);

        String unknownRate = id(ExceptionType.UNKNOWN_TAX_RATE_CODE, order, "tax-code-9");
        assertThat(exceptions.records).containsOnlyKeys(unknownRate);
        assertThat(exceptions.records.get(unknownRate).reason())
                .isEqualTo("Khaos item GLOVES-WOOL has tax rate code \"9\", which has no percentage in KHAOS_TAX_RATES");
        assertThat(entry(order).exceptionIds()).containsExactly(unknownRate);
    }

    @Test
    void eachProblemIsOneException_notOnePerRedelivery() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").deliveredBy("pigeon_post").build());

        placed(order);
        OrderLedgerEntry first = entry(order);
        placed(order);
        service.process(event(order, OrderEventType.PAYMENT_PAID));
        service.process(event(order, OrderEventType.FOUND_BY_SWEEP));

        assertThat(exceptions.records.keySet()).containsExactlyInAnyOrder(id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG"),
                id(ExceptionType.UNMAPPED_DELIVERY_METHOD, order, "delivery-pigeon_post"));
        assertThat(exceptions.records.values()).allSatisfy(r -> assertThat(r.occurrences()).as(r.id()).isEqualTo(1));
        assertThat(exceptions.raised).as("raised once each").hasSize(2);
        assertThat(entry(order).version()).isEqualTo(first.version());
    }

    @Test
    void aHeldBackOrderStillHoldsTheStockItTook() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").line("MYSTERY-MUG", 1, "9.00").build());

        placed(order);

        assertThat(inFlight.heldBy(order.orderId())).isEqualTo(Map.of(SCARF, 2, "MYSTERY-MUG", 1));
        assertThat(stockChanges.shopChangedCodes()).containsExactlyInAnyOrder(SCARF, "MYSTERY-MUG");
    }

    @Test
    void aPersonsRetryOfAnOrderStillWrong_countsTheRepeatOnTheSameRecord() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").build());
        placed(order);

        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.QUARANTINED);

        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG");
        assertThat(exceptions.records).containsOnlyKeys(unknown);
        assertThat(exceptions.records.get(unknown).occurrences()).isEqualTo(2);
        assertThat(entry(order).timeline()).last().satisfies(t -> assertThat(t.detail()).startsWith("retried, still 1 problem(s)"));
    }

    @Test
    void aMappingFixedByAPerson_makesTheRetryReady_andResolvesTheException() {
        ShopOrder order = inShop(order(1).line("SCARF-GREY", 1, "20.00").build());
        placed(order);
        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "SCARF-GREY");
        assertThat(exceptions.records).containsOnlyKeys(unknown);

        mappings.put(InMemoryOrderMappings.SKU, "SCARF-GREY", SCARF);
        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.READY);

        OrderLedgerEntry entry = entry(order);
        assertThat(entry.exceptionIds()).isEmpty();
        assertThat(entry.khaos().salesOrder()).contains("Lines=SCARF-MER-GRY x1 @20.00");
        assertThat(exceptions.records.get(unknown).status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(exceptions.records.get(unknown).resolvedBy()).isEqualTo("order-sync");
        assertThat(inFlight.heldBy(order.orderId())).as("the hold moved to the mapped code").isEqualTo(Map.of(SCARF, 1));
    }

    @Test
    void aProblemThatChanges_resolvesTheOldExceptionAndRaisesTheNewOne() {
        ShopOrder order = inShop(order(1).line("LAMP-BRASS-DESK", 1, "30.00").build());
        placed(order);

        catalogue.add(discontinued("LAMP-BRASS-DESK")); // Khaos sent the item: it is discontinued there
        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.QUARANTINED);

        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "LAMP-BRASS-DESK");
        String discontinued = id(ExceptionType.DISCONTINUED_ITEM, order, "LAMP-BRASS-DESK");
        assertThat(exceptions.records.get(unknown).status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(exceptions.records.get(discontinued).status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(entry(order).exceptionIds()).containsExactly(discontinued);
    }

    @Test
    void anExceptionClosedByAPersonWithoutAFix_isOpenedAgainByTheNextDelivery() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").build());
        placed(order);
        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG");
        exceptions.resolve(unknown, "ops", NOW);

        assertThat(service.process(event(order, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.QUARANTINED);

        assertThat(exceptions.records.get(unknown).status()).as("the order is still held by it").isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void aRunToZeroItemIsSoldOnlyWhileKhaosHasEnoughAtTheOrdersSite() {
        catalogue.add(runToZero("CANDLE-SOY-LRG"));
        levels.record(List.of(new StockLevel("CANDLE-SOY-LRG", "71", 1, BigDecimal.ONE, NOW.minusSeconds(60)),
                new StockLevel("CANDLE-SOY-LRG", "71", 2, new BigDecimal("9"), NOW.minusSeconds(60))));
        ShopOrder order = inShop(order(1).line("CANDLE-SOY-LRG", 2, "12.50").build());

        assertThat(placed(order)).as("site 2's stock is not the channel's").isEqualTo(OrderState.QUARANTINED);
        String outOfStock = id(ExceptionType.RUN_TO_ZERO_OUT_OF_STOCK, order, "CANDLE-SOY-LRG");
        assertThat(exceptions.records.get(outOfStock).reason()).contains("Khaos has 1 available, the order wants 2");

        levels.record(List.of(new StockLevel("CANDLE-SOY-LRG", "71", 1, new BigDecimal("3"), NOW)));
        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.READY);
        assertThat(exceptions.records.get(outOfStock).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void anOrderTheShopAnswersUnreadably_isHeldWithOneException_notRetriedForever() {
        ShopOrder order = order(1).line(SCARF, 1, "20.00").build();
        shop.unreadable(order.orderId(), "amountTotal is not a number");

        assertThat(placed(order)).isEqualTo(OrderState.QUARANTINED);
        assertThat(placed(order)).isEqualTo(OrderState.QUARANTINED);

        String invalid = id(ExceptionType.ORDER_INVALID, order, "unreadable");
        assertThat(exceptions.records).containsOnlyKeys(invalid);
        assertThat(exceptions.records.get(invalid).reason()).contains("amountTotal is not a number");
        assertThat(exceptions.records.get(invalid).occurrences()).isEqualTo(1);
        assertThat(entry(order).exceptionIds()).containsExactly(invalid);
    }

    // ---- waiting for payment --------------------------------------------------------------------------------------

    @Test
    void anUnpaidOrderWaitsForPayment_andIsReadyOnceThePaymentArrives() {
        ShopOrder unpaid = inShop(order(1).line(SCARF, 1, "20.00").unpaid().build());

        assertThat(placed(unpaid)).isEqualTo(OrderState.AWAITING_PAYMENT);
        assertThat(entry(unpaid).khaos().salesOrder()).isEmpty();
        assertThat(inFlight.heldBy(unpaid.orderId())).as("the shop took the units already").isEqualTo(Map.of(SCARF, 1));
        long version = entry(unpaid).version();
        assertThat(placed(unpaid)).isEqualTo(OrderState.AWAITING_PAYMENT);
        assertThat(entry(unpaid).version()).isEqualTo(version);

        ShopOrder paid = inShop(order(1).line(SCARF, 1, "20.00").build());
        assertThat(service.process(event(paid, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.READY);
        assertThat(entry(paid).khaos().salesOrder()).contains("Payments=Card 24.95");
        assertThat(entry(paid).timeline()).extracting(TimelineEntry::state)
                .containsSubsequence(OrderState.RECEIVED, OrderState.AWAITING_PAYMENT, OrderState.READY);
    }

    @Test
    void anOrderOnAccount_isReadyWhenPlaced_thoughNothingIsPaidYet() {
        ShopOrder order = inShop(order(1).line(SCARF, 1, "20.00").payment("payment_invoice", ShopPaymentState.OPEN).build());

        assertThat(placed(order)).isEqualTo(OrderState.READY);
        assertThat(entry(order).khaos().salesOrder()).contains("OnAccount=true", "Payments=;");
    }

    @Test
    void whenOrdersAreReadyOnPlacing_anUnpaidOrderIsReadyAtOnce() {
        ShopOrder order = inShop(order(1).line(SCARF, 1, "20.00").unpaid().build());

        assertThat(service(ReadinessPolicy.ON_PLACED).process(event(order, OrderEventType.ORDER_PLACED))).isEqualTo(OrderState.READY);
    }

    // ---- withdrawn before Khaos has it -----------------------------------------------------------------------------

    @Test
    void anOrderCancelledInTheShopBeforeKhaosHasIt_isWithdrawn_andTheStockItTookIsGivenBack() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        placed(order);
        ShopOrder cancelled = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());

        assertThat(service.process(event(cancelled, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.WITHDRAWN);

        assertThat(entry(order).state()).isEqualTo(OrderState.WITHDRAWN);
        assertThat(inFlight.heldBy(order.orderId())).isEmpty();
        assertThat(stockChanges.published).last().satisfies(c -> {
            assertThat(c.stockCodes()).containsExactly(SCARF);
            assertThat(c.shopChangedItself()).isTrue();
            assertThat(c.reason()).contains("withdrawn");
        });
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void aHeldBackOrderCancelledInTheShop_isWithdrawn_andItsExceptionsClose() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").build());
        placed(order);
        inShop(order(1).line("MYSTERY-MUG", 1, "9.00").cancelled().build());

        assertThat(service.process(event(order, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.WITHDRAWN);

        assertThat(exceptions.records.get(id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG")).status())
                .as("nothing left for a person to do").isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aWithdrawnOrderStaysWithdrawn_andTheShopIsNotAskedAgain() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());
        placed(order);
        int fetches = shop.fetched.size();
        inShop(order(1).line(SCARF, 2, "20.00").build()); // reopened in the shop admin

        assertThat(service.process(event(order, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.WITHDRAWN);
        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.WITHDRAWN);

        assertThat(shop.fetched).hasSize(fetches);
        assertThat(inFlight.heldBy(order.orderId())).isEmpty();
    }

    @Test
    void anOrderTheShopNoLongerHas_isWithdrawn_withOneOrderNotFoundException() {
        ShopOrder gone = order(1).line(SCARF, 2, "20.00").build();

        assertThat(placed(gone)).isEqualTo(OrderState.WITHDRAWN);
        assertThat(placed(gone)).isEqualTo(OrderState.WITHDRAWN);

        ExceptionRecord record = exceptions.of(ExceptionType.ORDER_NOT_FOUND, "10001").orElseThrow();
        assertThat(record.occurrences()).isEqualTo(1);
        assertThat(record.reason()).contains(gone.orderId()).contains("nothing was sent to Khaos");
        assertThat(entry(gone).khaos().salesOrder()).isEmpty();
    }

    // ---- after Khaos downloaded it ---------------------------------------------------------------------------------

    @Test
    void aCancellationAfterKhaosHasTheOrder_isPutInFrontOfAPersonOnce_andTheOrderStaysAsKhaosHasIt() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());
        OrderLedgerEntry imported = handedOver(order, "SO10001");

        assertThat(service.process(event(order, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.IMPORTED);
        assertThat(service.process(event(order, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.IMPORTED);

        ExceptionRecord record = exceptions.of(ExceptionType.CANCELLED_AFTER_DOWNLOAD, "10001").orElseThrow();
        assertThat(record.occurrences()).isEqualTo(1);
        assertThat(record.reason()).contains("cancelled in the shop after Khaos downloaded it", "SO10001");
        OrderLedgerEntry entry = entry(order);
        assertThat(entry.state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry.khaos()).isEqualTo(imported.khaos());
        assertThat(entry.timeline()).extracting(TimelineEntry::event).containsOnlyOnce("cancelled in the shop");
        assertThat(inFlight.heldBy(order.orderId())).isEmpty();
    }

    @Test
    void onceKhaosHasTheOrder_itsOwnEventsChangeNothing_andTheShopIsNotAsked() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        OrderLedgerEntry downloaded = handedOver(order, "");

        for (OrderEventType type : List.of(OrderEventType.ORDER_PLACED, OrderEventType.PAYMENT_PAID, OrderEventType.PAYMENT_AUTHORIZED)) {
            assertThat(service.process(event(order, type))).isEqualTo(OrderState.DOWNLOADED);
        }

        assertThat(shop.fetched).isEmpty();
        assertThat(entry(order)).isEqualTo(downloaded);
    }

    /** Sent to Khaos as the shop had it (READY through order-sync), then downloaded and imported as SO10001. */
    private OrderLedgerEntry sentAndImported(ShopOrder order) {
        inShop(order);
        placed(order);
        OrderLedgerEntry ready = entry(order);
        KhaosHandover served = ready.khaos().servedIn("p1").downloaded(NOW);
        OrderLedgerEntry imported = ready.moveTo(OrderState.DOWNLOADED, served, NOW, "served")
                .moveTo(OrderState.IMPORTED, served.reported("SO10001", "4711", "Received", KhaosOrderProgress.RECEIVED), NOW,
                        "Khaos imported it");
        ledger.entries.put(imported.orderId(), imported);
        return imported;
    }

    @Test
    void anOrderTheSweepFindsUnchanged_afterKhaosTookIt_raisesNothing_andChangesNothing() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();
        OrderLedgerEntry imported = sentAndImported(order);

        assertThat(service.process(event(order, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.IMPORTED);
        assertThat(service.process(event(order, OrderEventType.RETRY_REQUESTED))).isEqualTo(OrderState.IMPORTED);

        assertThat(exceptions.records).isEmpty();
        assertThat(entry(order)).isEqualTo(imported);
    }

    @Test
    void aRefundInTheShop_ofAnOrderKhaosHas_goesToFinanceAtOnce_withItsAmount_once() {
        sentAndImported(order(1).line(SCARF, 2, "20.00").build());
        ShopOrder refunded = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED).build());

        assertThat(service.process(event(refunded, OrderEventType.PAYMENT_REFUNDED))).isEqualTo(OrderState.IMPORTED);
        assertThat(service.process(event(refunded, OrderEventType.PAYMENT_REFUNDED))).isEqualTo(OrderState.IMPORTED);
        assertThat(service.process(event(refunded, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.IMPORTED);

        ExceptionRecord record = exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow();
        assertThat(record.reason()).contains("order 10001 (GBP 44.95 in the shop, 44.95 sent to Khaos)", "refunded in full: 44.95");
        assertThat(record.occurrences()).as("the same refund again is not a new problem").isEqualTo(1);
        assertThat(entry(refunded).timeline()).extracting(TimelineEntry::event).containsOnlyOnce("refunded in the shop");
        assertThat(exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001")).as("a refund is not an edit").isEmpty();
    }

    @Test
    void aPartRefund_takesItsAmountFromThePaymentProvidersRecord_andSaysUnknownWhenTheShopWillNotShowIt() {
        sentAndImported(order(1).line(SCARF, 2, "20.00").build());
        ShopOrder part = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build());
        shop.refunded(part.orderId(), "tx-" + part.orderId(), "5.00");
        shop.refunded(part.orderId(), "tx-" + part.orderId(), "2.50");

        service.process(event(part, OrderEventType.PAYMENT_REFUNDED));

        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .contains("refunded in part: 7.50 (as the payment provider recorded it)");

        sentAndImported(order(2).line(SCARF, 1, "20.00").build());
        ShopOrder hidden = inShop(order(2).line(SCARF, 1, "20.00").payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build());
        shop.refundsRefused();
        service.process(event(hidden, OrderEventType.PAYMENT_REFUNDED));
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10002").orElseThrow().reason()).contains("amount unknown");
    }

    @Test
    void aPartRefundOrChargeback_saysWhatTheShopKnows_andAnotherRefundOfTheSameOrderRaisesItAgain() {
        sentAndImported(order(1).line(SCARF, 2, "20.00").build());
        ShopOrder part = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build());
        service.process(event(part, OrderEventType.PAYMENT_REFUNDED));
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .contains("refunded in part; amount unknown: see the payment provider (payment card)");

        exceptions.resolve(ExceptionRecord.idFor(ExceptionType.REFUNDED_IN_SHOP, "10001"), "finance", NOW);
        ShopOrder chargedBack = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.CHARGEBACK).build());
        service.process(event(chargedBack, OrderEventType.PAYMENT_REFUNDED));

        ExceptionRecord again = exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow();
        assertThat(again.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(again.reason()).contains("charged back by the card scheme: 44.95");
    }

    // ---- refunds and cancellations after despatch: returns into Khaos ------------------------------------------

    private final TestOrders.TextSalesOrderFormat returnsFormat = new TestOrders.TextSalesOrderFormat();
    private final InMemoryShipmentBook shipments = new InMemoryShipmentBook();
    private final InMemoryCustomerReturns returns = new InMemoryCustomerReturns();
    private Optional<String> knownUrn = Optional.of("SMIT0001");
    private final OrderSyncService withReturns = new OrderSyncService(ledger, exceptions, shop, catalogue, levels,
            new InFlightOrders(inFlight, versions), stockChanges, mappings, returnsFormat, TestOrders.policy(), ReadinessPolicy.ON_PAID,
            new RefundReturns(new ReturnRequests(ledger, shipments, returns, e -> knownUrn, returnsFormat, "1", clock), shop), clock);

    /** An order Khaos imported and despatched {@code units} of its first line from. */
    private ShopOrder despatched(ShopOrder order, int units) {
        inShop(order);
        withReturns.process(event(order, OrderEventType.ORDER_PLACED));
        OrderLedgerEntry ready = entry(order);
        KhaosHandover served = ready.khaos().servedIn("p1").downloaded(NOW);
        OrderLedgerEntry imported = ready.moveTo(OrderState.DOWNLOADED, served, NOW, "served")
                .moveTo(OrderState.IMPORTED, served.reported("SO10001", "4711", "Received", KhaosOrderProgress.RECEIVED), NOW, "imported");
        String lineId = returnsFormat.values(ready.khaos().salesOrder()).orElseThrow().lines().get(0).lineId();
        if (units > 0) {
            imported = imported.moveTo(OrderState.DESPATCHED, NOW, "despatched");
            shipments.keep(order.orderId(), new KhaosShipment("sh1", "INV1", "Archived", ShipmentStage.ARCHIVED,
                    List.of(new KhaosShipment.Item("oi1", "si1", SCARF, BigDecimal.valueOf(units), lineId, "")), List.of()));
        }
        ledger.entries.put(imported.orderId(), imported);
        return order;
    }

    @Test
    void aFullRefundAfterDespatch_sendsTheDespatchedUnitsBackAsOneReturn_howeverOftenTheRefundIsSeen() {
        ShopOrder order = despatched(order(1).line(SCARF, 2, "20.00").build(), 2);
        ShopOrder refunded = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED).build());

        withReturns.process(event(refunded, OrderEventType.PAYMENT_REFUNDED));
        withReturns.process(event(refunded, OrderEventType.FOUND_BY_SWEEP));
        withReturns.process(event(refunded, OrderEventType.PAYMENT_REFUNDED));

        assertThat(returns.forOrder(order.orderId())).singleElement().satisfies(r -> {
            assertThat(r.associatedRef()).isEqualTo("10001-R1");
            assertThat(r.urn()).isEqualTo("SMIT0001");
            assertThat(r.lines()).singleElement().satisfies(l -> {
                assertThat(l.sku()).isEqualTo(SCARF);
                assertThat(l.quantity()).isEqualByComparingTo("2");
            });
        });
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .contains("refunded in full: 44.95", "return 10001-R1 (2 × SCARF-MER-GRY) waits for Khaos's next return download");
        assertThat(entry(refunded).timeline()).filteredOn(t -> t.event().equals("refunded in the shop")).singleElement()
                .satisfies(t -> assertThat(t.detail()).contains("return 10001-R1").doesNotContain("credit note"));
    }

    @Test
    void aRefundBeforeKhaosDespatchedAnything_isNoReturn_andStaysFinancesProblem() {
        despatched(order(1).line(SCARF, 2, "20.00").build(), 0);
        ShopOrder refunded = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED).build());

        withReturns.process(event(refunded, OrderEventType.PAYMENT_REFUNDED));

        assertThat(returns.forOrder(refunded.orderId())).isEmpty();
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .contains("no return into Khaos: nothing has left Khaos's warehouse");
        assertThat(entry(refunded).timeline()).filteredOn(t -> t.event().equals("refunded in the shop")).singleElement()
                .satisfies(t -> assertThat(t.detail()).as("no return books the credit").endsWith("finance raises the credit note in Khaos"));
    }

    @Test
    void aReturnThatCannotBeMadeNow_stillTellsFinanceAtOnce_andTheRedeliveryMakesIt_andSaysSoOnTheProblem() {
        despatched(order(1).line(SCARF, 2, "20.00").build(), 2);
        ShopOrder refunded = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED).build());
        OrderSyncService failing = new OrderSyncService(ledger, exceptions, shop, catalogue, levels, new InFlightOrders(inFlight, versions),
                stockChanges, mappings, returnsFormat, TestOrders.policy(), ReadinessPolicy.ON_PAID, new RefundReturns(new ReturnRequests(
                ledger, shipments, returns, e -> {
                    throw new IllegalStateException("the returns table is unavailable");
                }, returnsFormat, "1", clock), shop), clock);

        assertThatThrownBy(() -> failing.process(event(refunded, OrderEventType.PAYMENT_REFUNDED)))
                .hasMessageContaining("returns table is unavailable");

        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001")).isPresent();
        assertThat(returns.forOrder(refunded.orderId())).isEmpty();
        withReturns.process(event(refunded, OrderEventType.PAYMENT_REFUNDED));
        assertThat(returns.forOrder(refunded.orderId())).as("the redelivery makes it").hasSize(1);
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .as("finance's problem, raised before the return was made, now says it was").contains("return 10001-R1");
    }

    @Test
    void aPartRefund_orACustomerKhaosHasNoAccountFor_isPutToAPerson_neverGuessed() {
        despatched(order(1).line(SCARF, 2, "20.00").build(), 2);
        ShopOrder part = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build());
        withReturns.process(event(part, OrderEventType.PAYMENT_REFUNDED));
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10001").orElseThrow().reason())
                .contains("without saying which items come back", "create the return in Khaos");

        knownUrn = Optional.empty();
        ShopOrder other = despatched(order(2).line(SCARF, 1, "20.00").build(), 1);
        ShopOrder refunded = inShop(order(2).line(SCARF, 1, "20.00").payment("payment_card", ShopPaymentState.REFUNDED).build());
        withReturns.process(event(refunded, OrderEventType.PAYMENT_REFUNDED));
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10002").orElseThrow().reason())
                .contains("the customer's account in Khaos (URN) for order 10002 is not known");
        assertThat(returns.forOrder(part.orderId())).isEmpty();
        assertThat(returns.forOrder(other.orderId())).isEmpty();
    }

    @Test
    void aPartRefundWhoseItemsTheShopsOwnReturnsName_comesBackWithThoseItems_andALaterReturnOnlyWithWhatIsNew() {
        ShopOrder order = despatched(order(1).line(SCARF, 2, "20.00").build(), 2);
        String line = returnsFormat.values(entry(order).khaos().salesOrder()).orElseThrow().lines().get(0).lineId();
        ShopOrder part = inShop(order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build());
        shop.shopReturns.put(order.orderId(), List.of(new ShopReturnLine(line, BigDecimal.ONE, "damaged")));

        withReturns.process(event(part, OrderEventType.PAYMENT_REFUNDED));
        withReturns.process(event(part, OrderEventType.FOUND_BY_SWEEP));
        assertThat(returns.forOrder(order.orderId())).singleElement()
                .satisfies(r -> assertThat(r.lines()).extracting(l -> l.sku() + " " + l.quantity()).containsExactly(SCARF + " 1"));

        // the customer sends the second scarf back too: the shop's returns now name 2 in all, Khaos has 1 back already
        shop.shopReturns.put(order.orderId(), List.of(new ShopReturnLine(line, new BigDecimal("2"), "damaged")));
        withReturns.process(event(part, OrderEventType.FOUND_BY_SWEEP));
        assertThat(returns.forOrder(order.orderId())).extracting(r -> r.associatedRef() + " " + r.lines().get(0).quantity())
                .containsExactly("10001-R1 1", "10001-R2 1");
    }

    @Test
    void aCancellationInTheShopAfterDespatch_bringsTheGoodsBack_onceWithItsProblem() {
        ShopOrder order = despatched(order(1).line(SCARF, 2, "20.00").build(), 1);
        ShopOrder cancelled = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());

        withReturns.process(event(cancelled, OrderEventType.ORDER_CANCELLED));
        withReturns.process(event(cancelled, OrderEventType.ORDER_CANCELLED));

        assertThat(returns.forOrder(order.orderId())).singleElement()
                .satisfies(r -> assertThat(r.lines().get(0).quantity()).isEqualByComparingTo("1"));
        assertThat(exceptions.of(ExceptionType.CANCELLED_AFTER_DOWNLOAD, "10001").orElseThrow().reason())
                .contains("return 10001-R1 (1 × SCARF-MER-GRY)");
    }

    @Test
    void aCancellationInTheShopBeforeKhaosDespatchedAnything_isNoReturn_andStaysTheProblemThatKhaosMustCancel() {
        ShopOrder order = despatched(order(1).line(SCARF, 2, "20.00").build(), 0);
        ShopOrder cancelled = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());

        withReturns.process(event(cancelled, OrderEventType.ORDER_CANCELLED));

        assertThat(returns.forOrder(order.orderId())).as("nothing left the warehouse").isEmpty();
        assertThat(exceptions.of(ExceptionType.CANCELLED_AFTER_DOWNLOAD, "10001").orElseThrow().reason())
                .contains("cancelled in the shop after Khaos downloaded it", "no return into Khaos");
        assertThat(entry(order).state()).isEqualTo(OrderState.IMPORTED);
    }

    @Test
    void anOrderEditedInTheShopAfterKhaosTookIt_isOneProblemNamingEachDifference_andKhaosCopyStaysAsSent() {
        OrderLedgerEntry imported = sentAndImported(order(1).line(SCARF, 2, "20.00").line(HAT, 1, "12.00").build());
        ShopOrder edited = inShop(order(1).line(SCARF, 3, "20.00").line("SOCKS-WOOL-3PK", 1, "9.00").build());
        catalogue.add(item("SOCKS-WOOL-3PK"));

        assertThat(service.process(event(edited, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.IMPORTED);
        assertThat(service.process(event(edited, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.IMPORTED);

        ExceptionRecord record = exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001").orElseThrow();
        assertThat(record.occurrences()).as("the same differences again are not a new problem").isEqualTo(1);
        assertThat(record.reason()).contains("order 10001 was changed in the shop after Khaos took it (Khaos SO10001)",
                "line SCARF-MER-GRY: quantity 2 → 3", "line HAT-BEANIE-NVY removed (was 1 × 12.00)",
                "line SOCKS-WOOL-3PK added (1 × 9.00)", "total 56.95 → 73.95");
        OrderLedgerEntry entry = entry(edited);
        assertThat(entry.state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry.khaos().salesOrder()).as("what Khaos has is kept as sent").isEqualTo(imported.khaos().salesOrder());
        assertThat(entry.timeline()).extracting(TimelineEntry::event).containsOnlyOnce("changed in the shop");
        assertThat(inFlight.heldBy(edited.orderId())).as("no new hold: Khaos has the units allocated")
                .isEqualTo(Map.of(SCARF, 2, HAT, 1));
    }

    @Test
    void anEditUndoneInTheShop_resolvesTheProblemItself_andAFurtherEditRaisesItAgain() {
        ShopOrder original = order(1).line(SCARF, 2, "20.00").build();
        sentAndImported(original);
        inShop(order(1).line(SCARF, 1, "20.00").build());
        service.process(event(original, OrderEventType.FOUND_BY_SWEEP));
        assertThat(exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001")).get()
                .extracting(ExceptionRecord::status).isEqualTo(ExceptionStatus.OPEN);

        inShop(original);
        service.process(event(original, OrderEventType.FOUND_BY_SWEEP));
        assertThat(exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001")).get()
                .extracting(ExceptionRecord::status).isEqualTo(ExceptionStatus.RESOLVED);

        inShop(order(1).line(SCARF, 4, "20.00").build());
        service.process(event(original, OrderEventType.FOUND_BY_SWEEP));
        ExceptionRecord again = exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001").orElseThrow();
        assertThat(again.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(again.reason()).contains("quantity 2 → 4");
    }

    @Test
    void aCancellationWhoseWebhookWasLost_isFoundByTheSweep_andPutInFrontOfAPerson() {
        ShopOrder original = order(1).line(SCARF, 2, "20.00").build();
        sentAndImported(original);
        inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());

        assertThat(service.process(event(original, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.IMPORTED);

        assertThat(exceptions.of(ExceptionType.CANCELLED_AFTER_DOWNLOAD, "10001")).isPresent();
        assertThat(exceptions.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, "10001")).isEmpty();
    }

    @Test
    void aCancelledWebhookForAnOrderTheShopStillHasOpen_changesNothingAfterHandover() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        OrderLedgerEntry downloaded = handedOver(order, "");

        assertThat(service.process(event(order, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.DOWNLOADED);

        assertThat(exceptions.records).isEmpty();
        assertThat(entry(order)).isEqualTo(downloaded);
    }

    // ---- failures: thrown for the queue to try again, nothing lost --------------------------------------------------

    @Test
    void aFailedShopCallLosesNothing_theEventIsRetried() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        shop.failNext(new IllegalStateException("shop answered 503"));

        assertThatThrownBy(() -> placed(order)).hasMessageContaining("503");
        assertThat(exceptions.records).as("a passing failure is not a person's problem").isEmpty();

        assertThat(placed(order)).as("the queue delivers it again").isEqualTo(OrderState.READY);
        assertThat(entry(order).khaos().salesOrder()).contains("AssociatedRef=10001");
    }

    @Test
    void aLedgerOutageLosesNothing_theRedeliveryFinishesTheOrder() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        ledger.beforeNextUpdate = () -> {
            throw new IllegalStateException("DynamoDB: ProvisionedThroughputExceededException");
        };

        assertThatThrownBy(() -> placed(order)).hasMessageContaining("ProvisionedThroughputExceeded");
        assertThat(entry(order).state()).as("recorded as seen, not yet checked").isEqualTo(OrderState.RECEIVED);

        assertThat(placed(order)).isEqualTo(OrderState.READY);
        assertThat(inFlight.heldBy(order.orderId())).as("held once over both tries").isEqualTo(Map.of(SCARF, 2));
    }

    @Test
    void aCrashBetweenTheLedgerAndTheExceptionLosesNoProblem_theNextDeliveryRaisesIt() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").build());
        exceptions.failNextRaise(new IllegalStateException("exceptions table unreachable"));

        assertThatThrownBy(() -> placed(order)).hasMessageContaining("unreachable");
        String unknown = id(ExceptionType.UNKNOWN_SKU, order, "MYSTERY-MUG");
        assertThat(entry(order).exceptionIds()).containsExactly(unknown);
        assertThat(exceptions.records).isEmpty();

        assertThat(placed(order)).isEqualTo(OrderState.QUARANTINED);
        assertThat(exceptions.records).containsOnlyKeys(unknown);
        assertThat(exceptions.records.get(unknown).status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void aStockQueueOutageLosesNoStockChange_theRedeliverySendsIt() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        stockChanges.failNext(new IllegalStateException("SQS: service unavailable"));

        assertThatThrownBy(() -> placed(order)).hasMessageContaining("SQS");
        assertThat(placed(order)).isEqualTo(OrderState.READY);

        assertThat(stockChanges.shopChangedCodes()).as("the shop's stock of what the order took is pushed").contains(SCARF);
        placed(order);
        assertThat(stockChanges.published).as("sent once the queue took it, not again").hasSize(1);
    }

    @Test
    void aStockQueueOutageWhileWithdrawingLosesNoStockChange_theRedeliverySendsIt() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        placed(order);
        ShopOrder cancelled = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());
        stockChanges.failNext(new IllegalStateException("SQS: service unavailable"));

        assertThatThrownBy(() -> service.process(event(cancelled, OrderEventType.ORDER_CANCELLED))).hasMessageContaining("SQS");
        assertThat(service.process(event(cancelled, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.WITHDRAWN);

        assertThat(stockChanges.published).as("placed, then the withdrawal sent by the redelivery").hasSize(2);
        assertThat(stockChanges.published).last().satisfies(c -> {
            assertThat(c.stockCodes()).containsExactly(SCARF);
            assertThat(c.reason()).contains("withdrawn");
        });
        assertThat(inFlight.heldBy(order.orderId())).isEmpty();
        assertThat(inFlight.all()).as("the released hold is gone").isEmpty();
    }

    @Test
    void anEditedOrder_releasesTheCodeItNoLongerHas_andSendsItsChange() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").line(HAT, 1, "15.00").build());
        placed(order);
        ShopOrder edited = inShop(order(1).line(SCARF, 2, "20.00").build());

        service.process(event(edited, OrderEventType.FOUND_BY_SWEEP));

        assertThat(inFlight.heldBy(order.orderId())).isEqualTo(Map.of(SCARF, 2));
        assertThat(stockChanges.published).last().satisfies(c -> assertThat(c.stockCodes()).containsExactly(HAT));
        assertThat(versions.current(List.of(SCARF, HAT))).as("the codes whose holds changed, after its writes; not the one kept")
                .isEqualTo(Map.of(SCARF, 1L, HAT, 2L));
    }

    @Test
    void anOrdersLaterEvent_withTheSameLines_costsTheHoldsNoCall_andSendsNoStockChange() {
        ShopOrder unpaid = inShop(order(1).line(SCARF, 2, "20.00").line(HAT, 1, "15.00").unpaid().build());
        placed(unpaid);
        assertThat(entry(unpaid).heldStock()).isEqualTo(HeldStock.of(Map.of(SCARF, 2, HAT, 1)));
        int calls = inFlight.calls();
        long versionsOfScarf = versions.current(List.of(SCARF)).get(SCARF);

        ShopOrder paid = inShop(order(1).line(SCARF, 2, "20.00").line(HAT, 1, "15.00").build());
        assertThat(service.process(event(paid, OrderEventType.PAYMENT_PAID))).isEqualTo(OrderState.READY);

        assertThat(inFlight.calls()).as("the holds are as the ledger recorded them").isEqualTo(calls);
        assertThat(versions.current(List.of(SCARF))).containsEntry(SCARF, versionsOfScarf);
        assertThat(stockChanges.published).hasSize(1);
    }

    @Test
    void anOrderWhoseLinesChangeWhileItWaits_recordsItsNewHoldsThoughItsStateStays() {
        ShopOrder unpaid = inShop(order(1).line(SCARF, 2, "20.00").unpaid().build());
        placed(unpaid);
        ShopOrder edited = inShop(order(1).line(SCARF, 3, "20.00").unpaid().build());

        assertThat(service.process(event(edited, OrderEventType.FOUND_BY_SWEEP))).isEqualTo(OrderState.AWAITING_PAYMENT);

        assertThat(entry(edited).heldStock()).isEqualTo(HeldStock.of(Map.of(SCARF, 3)));
        assertThat(entry(edited).timeline()).last().satisfies(t -> {
            assertThat(t.event()).isEqualTo("stock held");
            assertThat(t.detail()).isEqualTo("3 × " + SCARF);
        });
        assertThat(inFlight.heldBy(edited.orderId())).isEqualTo(Map.of(SCARF, 3));
        int published = stockChanges.published.size();
        service.process(event(edited, OrderEventType.FOUND_BY_SWEEP));
        assertThat(stockChanges.published).as("recorded: not sent again").hasSize(published);
    }

    @Test
    void anOrderWhoseHoldsWereNeverRecorded_readsThemOnce_andRecordsThem() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").line(HAT, 1, "15.00").build());
        // an entry of an earlier release, and a hold of the order it placed then (of a code it no longer has)
        ledger.entries.put(order.orderId(), new OrderLedgerEntry(order.orderId(), SHOP, order.orderNumber(),
                OrderState.RECEIVED, 1, NOW, NOW, List.of(), java.util.Set.of(), List.of(), null, HeldStock.UNKNOWN));
        inFlight.store(new com.shopkhaos.model.stock.InFlightHold("OLD-CODE", order.orderId(), order.orderNumber(), 1, NOW, null));

        assertThat(placed(order)).isEqualTo(OrderState.READY);

        assertThat(inFlight.heldBy(order.orderId())).isEqualTo(Map.of(SCARF, 2, HAT, 1));
        assertThat(entry(order).heldStock()).isEqualTo(HeldStock.of(Map.of(SCARF, 2, HAT, 1)));
        assertThat(stockChanges.published).last().satisfies(c -> assertThat(c.stockCodes())
                .containsExactlyInAnyOrder("OLD-CODE", HAT, SCARF));
    }

    @Test
    void aHoldWrittenByAnAttemptThatFailedBeforeItsRecord_isReleasedWhenTheOrderIsCancelled() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        stockChanges.failNext(new IllegalStateException("SQS: service unavailable"));
        assertThatThrownBy(() -> placed(order)).hasMessageContaining("SQS");
        assertThat(entry(order).heldStock()).as("nothing recorded").isEqualTo(HeldStock.NONE);
        assertThat(inFlight.heldBy(order.orderId())).as("but the hold was written").isEqualTo(Map.of(SCARF, 2));

        ShopOrder cancelled = inShop(order(1).line(SCARF, 2, "20.00").cancelled().build());
        assertThat(service.process(event(cancelled, OrderEventType.ORDER_CANCELLED))).isEqualTo(OrderState.WITHDRAWN);

        assertThat(inFlight.heldBy(order.orderId())).isEmpty();
        assertThat(stockChanges.published).last().satisfies(c -> assertThat(c.stockCodes()).containsExactly(SCARF));
    }

    @Test
    void aCancellationThatOvertakesThePlacedDelivery_leavesNoHoldBehind() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        ledger.entries.put(order.orderId(), OrderLedgerEntry.received(SHOP, order.orderId(), order.orderNumber(), "evt-1",
                "checkout.order.placed", NOW));
        ShopOrder cancelled = order(1).line(SCARF, 2, "20.00").cancelled().build();
        // the cancellation runs to the end between the placed delivery's read of the entry and its first hold
        inFlight.beforeNextStore = () -> {
            inShop(cancelled);
            service.process(event(cancelled, OrderEventType.ORDER_CANCELLED));
        };

        assertThat(placed(order)).isEqualTo(OrderState.WITHDRAWN);

        assertThat(inFlight.heldBy(order.orderId())).as("the placed delivery's hold released once it saw the withdrawal").isEmpty();
        assertThat(stockChanges.published).last().satisfies(c -> assertThat(c.stockCodes()).containsExactly(SCARF));
    }

    @Test
    void aDeliveryThatLostItsWriteToAnother_writesItsHoldsAgainFromItsOwnFreshRead() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        ShopOrder edited = order(1).line(SCARF, 3, "20.00").build();
        // another delivery, of the edited order, runs to the end just before this one's stale hold lands
        inFlight.beforeNextStore = () -> {
            inShop(edited);
            service.process(event(edited, OrderEventType.FOUND_BY_SWEEP));
        };

        assertThat(placed(order)).isEqualTo(OrderState.READY);

        assertThat(inFlight.heldBy(order.orderId())).isEqualTo(Map.of(SCARF, 3));
        assertThat(entry(order).heldStock()).isEqualTo(HeldStock.of(Map.of(SCARF, 3)));
    }

    // ---- concurrent deliveries --------------------------------------------------------------------------------------

    @Test
    void aConcurrentChangeToTheSameOrder_isMetByReadingItAgain_andKeepsBothChanges() {
        ShopOrder order = inShop(order(1).line(SCARF, 2, "20.00").build());
        ledger.beforeNextUpdate = () -> ledger.entries.computeIfPresent(order.orderId(),
                (id, e) -> e.noted("webhook checkout.order.payment.paid", "event evt-9", NOW));

        assertThat(placed(order)).isEqualTo(OrderState.READY);

        OrderLedgerEntry entry = entry(order);
        assertThat(entry.state()).isEqualTo(OrderState.READY);
        assertThat(entry.timeline()).extracting(TimelineEntry::event).contains("webhook checkout.order.payment.paid", "RECEIVED → READY");
    }

    @Test
    void twoDeliveriesOfTheSameOrderAtOnce_countEachProblemOnce() {
        ShopOrder order = inShop(order(1).line("MYSTERY-MUG", 1, "9.00").build());
        OrderEvent placed = event(order, OrderEventType.ORDER_PLACED);
        // the other delivery runs to the end between this one's read and its write
        ledger.beforeNextUpdate = () -> service.process(placed);

        assertThat(service.process(placed)).isEqualTo(OrderState.QUARANTINED);

        assertThat(exceptions.raised).as("raised by the delivery whose write landed, only").hasSize(1);
        assertThat(exceptions.records.values()).singleElement().satisfies(r -> assertThat(r.occurrences()).isEqualTo(1));
        assertThat(movesTo(entry(order), OrderState.QUARANTINED)).isEqualTo(1);
    }

    @Test
    void stockChangesNameEveryCodeTheOrderTook_inOneMessage() {
        ShopOrder order = inShop(order(1).line(SCARF, 1, "20.00").line(HAT, 3, "15.00").build());

        placed(order);

        assertThat(stockChanges.published).extracting(StockChange::stockCodes).containsExactly(List.of(HAT, SCARF));
        assertThat(Set.copyOf(inFlight.heldBy(order.orderId()).keySet())).containsExactlyInAnyOrder(SCARF, HAT);
    }
}
