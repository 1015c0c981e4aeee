package com.shopkhaos.model.onpremises;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.HandClock;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.KhaosOrderStatusRecorder;
import com.shopkhaos.model.ledger.HeldStock;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.InMemoryCheckpoints;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.InMemoryInFlightHolds;
import com.shopkhaos.model.stock.InMemoryStockChangePublisher;
import com.shopkhaos.model.stock.InMemoryStockVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Orders out to Khaos Control on premises, which does not call us: each READY order into Khaos exactly once (its stock
 * settled as a KCC status settles it), or held for a person with Khaos's reason; a lost answer looked up before
 * anything is sent again; an unavailable Khaos left alone for the stored back-off, whichever sender comes next.
 */
class OnPremisesOrderSenderTest {
    private static final String SHOP = "testShop00000001";
    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final InMemoryOnPremisesKhaos khaos = new InMemoryOnPremisesKhaos();
    private final InMemoryInFlightHolds holds = new InMemoryInFlightHolds();
    private final InFlightOrders inFlight = new InFlightOrders(holds, new InMemoryStockVersions());
    private final InMemoryStockChangePublisher stockChanges = new InMemoryStockChangePublisher();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final KhaosOrderStatusRecorder statuses = new KhaosOrderStatusRecorder(ledger, exceptions, inFlight, stockChanges,
            Duration.ofMinutes(5), clock);

    private OnPremisesOrderSender sender(int batchSize) {
        return new OnPremisesOrderSender(ledger, exceptions, khaos, statuses, checkpoints, batchSize, 100, Duration.ofMinutes(5), clock);
    }

    private static String orderId(int number) {
        return String.format("%032x", number);
    }

    /** A READY order whose sales order (as order-sync wrote it) is its number, holding 1 unit of a code. */
    private void ready(int number) {
        Instant at = clock.instant();
        OrderLedgerEntry entry = OrderLedgerEntry.received(SHOP, orderId(number), String.valueOf(number), "evt-" + number,
                "checkout.order.placed", at).ready(String.valueOf(number), at, "checked").withHeldStock(HeldStock.of(Map.of("HAT", 1)));
        ledger.entries.put(entry.orderId(), entry);
        inFlight.hold(orderId(number), String.valueOf(number), Optional.of(Map.of()), Map.of("HAT", 1), at);
        clock.advance(Duration.ofSeconds(1));
    }

    private OrderLedgerEntry entry(int number) {
        return ledger.find(orderId(number)).orElseThrow();
    }

    @Test
    void readyOrders_areImportedOnce_oldestFirst_movedToImportedWithTheirKhaosCode_andTheirStockSettled() {
        ready(10001);
        ready(10002);

        OnPremisesOrderSender.Report report = sender(1).sendReady();
        OnPremisesOrderSender.Report again = sender(1).sendReady();

        assertThat(report.imported()).isEqualTo(2);
        assertThat(again.sent()).as("nothing READY any more").isZero();
        assertThat(khaos.importCalls).containsExactly(List.of("10001"), List.of("10002"));
        assertThat(List.of(entry(10001), entry(10002))).allSatisfy(e -> assertThat(e.state()).isEqualTo(OrderState.IMPORTED));
        assertThat(entry(10001).khaos().khaosOrderCode()).isEqualTo("SO000001");
        assertThat(holds.holds("HAT")).extracting(InFlightHold::importedAt).as("the holds count until Khaos's figures catch up")
                .doesNotContainNull();
        assertThat(stockChanges.delayed).as("a push scheduled for when the settle time runs out, as for KCC").hasSize(2);
    }

    @Test
    void anOrderKhaosSkips_isHeldForAPersonWithKhaossReason_andTheOrdersBehindItStillGo() {
        ready(10001);
        ready(10002);
        khaos.skipReasons.put("10001", "Stock item HAT not found");

        OnPremisesOrderSender.Report report = sender(2).sendReady();

        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(entry(10001).state()).isEqualTo(OrderState.QUARANTINED);
        assertThat(exceptions.of(ExceptionType.KHAOS_IMPORT_SKIPPED, "10001").orElseThrow().reason())
                .isEqualTo("Khaos Control did not import order 10001: Stock item HAT not found");
        assertThat(entry(10001).exceptionIds()).hasSize(1);
        assertThat(entry(10002).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(sender(2).sendReady().sent()).as("a held order is never sent again by itself").isZero();
    }

    @Test
    void anAnswerLostAfterKhaosImported_isLookedUpBeforeAnythingIsSentAgain_soKhaosNeverHasTheOrderTwice() {
        ready(10001);
        khaos.failNext(InMemoryOnPremisesKhaos.Failure.LOST_AFTER_IMPORT);

        OnPremisesOrderSender.Report lost = sender(1).sendReady();
        assertThat(lost.inDoubt()).isEqualTo(1);
        assertThat(entry(10001).state()).as("not known: still READY, marked as sent").isEqualTo(OrderState.READY);

        OnPremisesOrderSender.Report next = sender(1).sendReady();

        assertThat(next.foundInKhaos()).isEqualTo(1);
        assertThat(khaos.lookups).containsExactly(List.of("10001"));
        assertThat(khaos.importCalls).as("sent once").hasSize(1);
        assertThat(khaos.importedCodes.get("10001")).hasSize(1);
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
    }

    @Test
    void anAnswerLostBeforeKhaosImported_isLookedUp_andTheOrderSentAgainAlone_once() {
        ready(10001);
        ready(10002);
        khaos.failNext(InMemoryOnPremisesKhaos.Failure.NO_ANSWER);
        sender(2).sendReady();

        sender(2).sendReady();

        assertThat(khaos.importCalls).containsExactly(List.of("10001", "10002"), List.of("10001"), List.of("10002"));
        assertThat(khaos.importedCodes).containsOnlyKeys("10001", "10002").allSatisfy((n, codes) -> assertThat(codes).hasSize(1));
        assertThat(List.of(entry(10001), entry(10002))).allSatisfy(e -> assertThat(e.state()).isEqualTo(OrderState.IMPORTED));
    }

    @Test
    void severalOrdersRefusedTogether_areLookedUp_thenSentOneByOne_andOneRefusedAloneIsHeldWithTheRefusal() {
        ready(10001);
        ready(10002);
        khaos.failNext(InMemoryOnPremisesKhaos.Failure.REFUSED);
        assertThat(sender(2).sendReady().inDoubt()).isEqualTo(2);

        khaos.failNext(InMemoryOnPremisesKhaos.Failure.REFUSED);
        sender(2).sendReady();

        assertThat(entry(10001).state()).isEqualTo(OrderState.QUARANTINED);
        assertThat(exceptions.of(ExceptionType.KHAOS_IMPORT_SKIPPED, "10001").orElseThrow().reason()).contains("Khaos refused it");
        assertThat(entry(10002).state()).isEqualTo(OrderState.IMPORTED);
    }

    @Test
    void anUnavailableKhaos_stopsTheRound_andNoSenderCallsItAgainUntilTheStoredBackOffHasPassed() {
        ready(10001);
        khaos.failNext(InMemoryOnPremisesKhaos.Failure.UNAVAILABLE);

        assertThat(sender(1).sendReady().khaosUnavailable()).isTrue();
        clock.advance(Duration.ofMinutes(4));
        OnPremisesOrderSender.Report waiting = sender(1).sendReady();

        assertThat(waiting.khaosUnavailable()).isTrue();
        assertThat(khaos.importCalls).as("one call, however many senders come within the back-off").hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(sender(1).sendReady().imported()).isEqualTo(1);
        assertThat(khaos.importedCodes.get("10001")).hasSize(1);
    }

    @Test
    void twoSendersAtOnce_sendAnOrderOnce_theMarkOnTheLedgerDecidesWhich() {
        ready(10001);
        OnPremisesOrderSender other = sender(1);
        ledger.beforeNextUpdate = other::sendReady;

        sender(1).sendReady();

        assertThat(khaos.importCalls).containsExactly(List.of("10001"));
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
    }
}
