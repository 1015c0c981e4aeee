package com.shopkhaos.model.ordersync;

import static com.shopkhaos.model.ordersync.TestOrders.SHOP;
import static com.shopkhaos.model.ordersync.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.intake.InMemoryOrderEventPublisher;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.order.ShopOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sweep for webhooks that never came: which windows of the shop's orders it reads, what it feeds into order-sync,
 * what it puts in front of a person, and that a failed run leaves its window to be read again.
 */
class OrderSweepServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String CHECKPOINT = OrderSweepService.CHECKPOINT_PREFIX + SHOP;
    private final InMemoryShopRegistry shops = new InMemoryShopRegistry().confirmed(SHOP).pending("shop2");
    private final InMemoryShopOrders shop = new InMemoryShopOrders();
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final InMemoryOrderEventPublisher publisher = new InMemoryOrderEventPublisher();
    private final InMemoryOrderEventsBacklog backlog = new InMemoryOrderEventsBacklog();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private Optional<Instant> goLive = Optional.of(NOW.minus(Duration.ofHours(4)));

    private List<OrderSweepService.ShopSweep> sweepAt(Instant at) {
        return sweepAt(at, ledger);
    }

    private List<OrderSweepService.ShopSweep> sweepAt(Instant at, OrderLedger ordersLedger) {
        return new OrderSweepService(shops, shop, ordersLedger, exceptions, publisher, backlog, checkpoints, goLive, GRACE,
                Clock.fixed(at, ZoneOffset.UTC)).sweep();
    }

    private ShopOrder changedAt(int n, Instant at) {
        ShopOrder order = order(n).line("SCARF-MER-GRY", 1, "20.00").build();
        shop.put(SHOP, order, at);
        return order;
    }

    private OrderLedgerEntry known(ShopOrder order, OrderState state, Instant at) {
        OrderLedgerEntry entry = OrderLedgerEntry.received(SHOP, order.orderId(), order.orderNumber(), "evt-" + order.orderNumber(),
                "checkout.order.placed", at);
        if (state == OrderState.AWAITING_PAYMENT) {
            entry = entry.moveTo(OrderState.AWAITING_PAYMENT, at, "valid; waits for the payment");
        } else if (state == OrderState.READY) {
            entry = entry.ready("AssociatedRef=" + order.orderNumber(), at, "checked");
        }
        ledger.entries.put(entry.orderId(), entry);
        return entry;
    }

    private static Instant ago(int minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    private Optional<ExceptionRecord> webhooksMissing(String day) {
        return exceptions.of(ExceptionType.WEBHOOKS_MISSING, day);
    }

    @Test
    void theSweepFindsAnOrderWhoseWebhookWasLost() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder lost = changedAt(1, ago(30));

        List<OrderSweepService.ShopSweep> runs = sweepAt(NOW);

        assertThat(runs).singleElement().satisfies(r -> assertThat(r.missing()).containsExactly("10001"));
        OrderLedgerEntry entry = ledger.find(lost.orderId()).orElseThrow();
        assertThat(entry.state()).isEqualTo(OrderState.RECEIVED);
        assertThat(entry.timeline()).first().satisfies(t -> assertThat(t.event()).isEqualTo("found by the sweep"));
        assertThat(publisher.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(OrderEventType.FOUND_BY_SWEEP);
            assertThat(e.orderId()).isEqualTo(lost.orderId());
            assertThat(e.orderNumber()).isEqualTo("10001");
            assertThat(e.shopId()).isEqualTo(SHOP);
        });
        ExceptionRecord missing = webhooksMissing("2026-12-04").orElseThrow();
        assertThat(missing.reason()).contains("1 order(s)", "10001", "shop " + SHOP);
        assertThat(checkpoints.marks).containsEntry(CHECKPOINT, NOW.minus(GRACE));
    }

    @Test
    void theSweepIgnoresOrdersBeforeGoLive() {
        goLive = Optional.of(ago(120));
        ShopOrder history = changedAt(1, ago(300));
        ShopOrder afterGoLive = changedAt(2, ago(60));

        sweepAt(NOW);

        assertThat(publisher.orderIds()).as("only the order changed since go-live is fed in").containsExactly(afterGoLive.orderId());
        assertThat(ledger.find(history.orderId())).isEmpty();
        assertThat(shop.windows).containsExactly(new InMemoryShopOrders.Window(SHOP, ago(120), NOW.minus(GRACE)));
    }

    @Test
    void withoutAGoLive_theFirstRunOnlyMarksWhereTheNextBegins_neverReadingTheShopsHistory() {
        goLive = Optional.empty();
        changedAt(1, ago(60));

        sweepAt(NOW);

        assertThat(shop.windows).as("the shop is not asked for an empty window").isEmpty();
        assertThat(publisher.published).isEmpty();
        assertThat(checkpoints.marks).containsEntry(CHECKPOINT, NOW.minus(GRACE));

        ShopOrder later = changedAt(2, NOW.minusSeconds(60));
        sweepAt(NOW.plus(Duration.ofMinutes(15)));

        assertThat(publisher.orderIds()).containsExactly(later.orderId());
    }

    @Test
    void anOrderStillWithinTheGracePeriod_isLeftToItsWebhook() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder webhookCame = changedAt(1, ago(5));
        ShopOrder webhookLost = changedAt(2, ago(4));

        sweepAt(NOW);
        assertThat(publisher.published).as("within the grace period").isEmpty();
        assertThat(exceptions.records).isEmpty();

        known(webhookCame, OrderState.READY, ago(3));
        sweepAt(NOW.plus(GRACE));

        assertThat(publisher.orderIds()).containsExactly(webhookLost.orderId());
        assertThat(webhooksMissing("2026-12-04").orElseThrow().reason()).contains("10002").doesNotContain("10001");
    }

    @Test
    void eachWindowIsReadOnce_andTheCheckpointMovesOn() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder order = changedAt(1, ago(30));

        sweepAt(NOW);
        known(order, OrderState.READY, NOW); // order-sync checked it
        shop.put(SHOP, order, NOW.minusSeconds(60)); // and it changed again in the shop
        sweepAt(NOW.plus(Duration.ofMinutes(5)));
        sweepAt(NOW.plus(Duration.ofMinutes(15)));

        assertThat(shop.windows).containsExactly(
                new InMemoryShopOrders.Window(SHOP, ago(60), ago(10)),
                new InMemoryShopOrders.Window(SHOP, ago(10), ago(5)),
                new InMemoryShopOrders.Window(SHOP, ago(5), NOW.plus(Duration.ofMinutes(5))));
        assertThat(publisher.orderIds()).as("fed in once").containsExactly(order.orderId());
        assertThat(webhooksMissing("2026-12-04").orElseThrow().occurrences()).isEqualTo(1);
    }

    @Test
    void anOrderAwaitingPaymentThatChanged_isFedAgainToCheckItsPayment_butIsNotCountedMissing() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder order = changedAt(1, ago(30));
        OrderLedgerEntry waiting = known(order, OrderState.AWAITING_PAYMENT, ago(90));

        List<OrderSweepService.ShopSweep> runs = sweepAt(NOW);

        assertThat(runs.get(0).rechecked()).containsExactly("10001");
        assertThat(runs.get(0).missing()).isEmpty();
        assertThat(publisher.published).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(OrderEventType.FOUND_BY_SWEEP));
        assertThat(exceptions.records).isEmpty();
        assertThat(ledger.find(order.orderId())).contains(waiting);
    }

    @Test
    void anOrderThatIsAlreadyReady_isLeftAlone() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder order = changedAt(1, ago(30));
        known(order, OrderState.READY, ago(40));

        sweepAt(NOW);

        assertThat(publisher.published).isEmpty();
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void anOrderLeftReceivedWhoseMessageWasLost_isFedAgainOnceTheQueueHasDrained_atMostOnceAGracePeriod() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        OrderLedgerEntry stuck = known(order(1).build(), OrderState.RECEIVED, ago(30));
        backlog.waiting = 0;

        sweepAt(NOW);
        assertThat(publisher.orderIds()).containsExactly(stuck.orderId());
        assertThat(ledger.find(stuck.orderId()).orElseThrow().timeline()).extracting(TimelineEntry::event)
                .containsOnlyOnce("fed again by the sweep");

        sweepAt(NOW.plus(Duration.ofMinutes(1)));
        assertThat(publisher.published).as("not again within the grace period").hasSize(1);

        sweepAt(NOW.plus(GRACE).plus(Duration.ofMinutes(1)));
        assertThat(publisher.published).as("still RECEIVED a grace period later: fed again").hasSize(2);
        assertThat(exceptions.records).as("not a missing webhook").isEmpty();
    }

    @Test
    void whileTheQueueStillHoldsMessages_aReceivedOrderIsFedAgainOnlyAfterAnHour() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        OrderLedgerEntry recent = known(order(1).build(), OrderState.RECEIVED, ago(30));
        OrderLedgerEntry old = known(order(2).build(), OrderState.RECEIVED, ago(61));
        backlog.waiting = 40;

        List<OrderSweepService.ShopSweep> runs = sweepAt(NOW);

        assertThat(publisher.orderIds()).containsExactly(old.orderId());
        assertThat(runs.get(0).rechecked()).containsExactly("10002");
        assertThat(ledger.find(recent.orderId())).contains(recent);
    }

    @Test
    void onlyConfirmedShopsAreSwept() {
        goLive = Optional.of(ago(120));
        shop.put("shop2", order(7).line("SCARF-MER-GRY", 1, "20.00").build(), ago(30));

        List<OrderSweepService.ShopSweep> runs = sweepAt(NOW);

        assertThat(runs).extracting(OrderSweepService.ShopSweep::shopId).containsExactly(SHOP);
        assertThat(shop.windows).extracting(InMemoryShopOrders.Window::shopId).containsOnly(SHOP);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aWebhookThatWinsTheRaceWithTheSweep_isNotCountedMissing() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder order = changedAt(1, ago(30));
        // the webhook's order-sync records the order between the sweep's read of the ledger and its write
        OrderLedger racing = new OrderLedger() {
            @Override
            public Optional<OrderLedgerEntry> find(String orderId) {
                Optional<OrderLedgerEntry> read = ledger.find(orderId);
                if (read.isEmpty() && orderId.equals(order.orderId())) {
                    known(order, OrderState.RECEIVED, NOW);
                }
                return read;
            }

            @Override
            public void create(OrderLedgerEntry entry) {
                ledger.create(entry);
            }

            @Override
            public void update(OrderLedgerEntry changed) {
                ledger.update(changed);
            }

            @Override
            public List<OrderLedgerEntry> inState(OrderState state, int limit) {
                return ledger.inState(state, limit);
            }

            @Override
            public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
                return ledger.inStateChangedBefore(state, before, limit);
            }

            @Override
            public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
                return ledger.findByOrderNumber(orderNumber);
            }
        };

        List<OrderSweepService.ShopSweep> runs = sweepAt(NOW, racing);

        assertThat(runs.get(0).missing()).isEmpty();
        assertThat(publisher.published).as("its webhook's message feeds it in").isEmpty();
        assertThat(exceptions.records).isEmpty();
        assertThat(ledger.find(order.orderId()).orElseThrow().timeline()).first()
                .satisfies(t -> assertThat(t.event()).isEqualTo("webhook checkout.order.placed"));
    }

    @Test
    void missingWebhooksAreOneRecordADay_thatCountsUp() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        changedAt(1, ago(30));
        sweepAt(NOW);
        changedAt(2, NOW.minusSeconds(30));
        sweepAt(NOW.plus(GRACE));
        changedAt(3, NOW.plus(Duration.ofHours(12)));
        sweepAt(NOW.plus(Duration.ofHours(13)));

        ExceptionRecord today = webhooksMissing("2026-12-04").orElseThrow();
        assertThat(today.occurrences()).isEqualTo(2);
        assertThat(today.reason()).as("the latest run's orders").contains("10002");
        assertThat(webhooksMissing("2026-12-05").orElseThrow().reason()).contains("10003");
        assertThat(exceptions.ofType(ExceptionType.WEBHOOKS_MISSING)).hasSize(2);
    }

    @Test
    void aFailedShopCallKeepsTheWindow_theNextRunReadsItAgain() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder lost = changedAt(1, ago(30));
        shop.failNext(new IllegalStateException("shop answered 502"));

        assertThatThrownBy(() -> sweepAt(NOW)).hasMessageContaining("502");
        assertThat(checkpoints.marks).containsEntry(CHECKPOINT, ago(60));

        sweepAt(NOW.plus(Duration.ofMinutes(5)));

        assertThat(shop.windows).extracting(InMemoryShopOrders.Window::from).containsExactly(ago(60), ago(60));
        assertThat(publisher.orderIds()).containsExactly(lost.orderId());
    }

    @Test
    void aFailedPublishLosesNoOrder_itIsFedAgainOnceItHasWaitedAGracePeriod() {
        checkpoints.marks.put(CHECKPOINT, ago(60));
        ShopOrder lost = changedAt(1, ago(30));
        publisher.failNext(new IllegalStateException("SQS: send failed"));

        assertThatThrownBy(() -> sweepAt(NOW)).hasMessageContaining("SQS");
        assertThat(checkpoints.marks).as("the window is read again").containsEntry(CHECKPOINT, ago(60));
        assertThat(ledger.find(lost.orderId()).orElseThrow().state()).isEqualTo(OrderState.RECEIVED);

        sweepAt(NOW.plus(Duration.ofMinutes(5)));
        sweepAt(NOW.plus(GRACE).plus(Duration.ofMinutes(1)));

        assertThat(publisher.published).extracting(OrderEvent::orderId).containsExactly(lost.orderId());
    }
}
