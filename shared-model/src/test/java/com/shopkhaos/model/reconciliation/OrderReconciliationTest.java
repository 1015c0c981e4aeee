package com.shopkhaos.model.reconciliation;

import static com.shopkhaos.model.ordersync.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import com.shopkhaos.model.ordersync.TestOrders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One order of the nightly reconciliation: the shop now, what Khaos was sent and confirmed, into one reason. */
class OrderReconciliationTest {
    private static final String SCARF = "SCARF-MER-GRY";
    private static final String HAT = "HAT-BEANIE-NVY";
    private static final Instant NIGHT = TestOrders.PLACED.plus(Duration.ofHours(14));
    private final OrderReconciliation reconciliation = new OrderReconciliation(
            new OrderReconciliation.Settings(new BigDecimal("0.02"), Duration.ofHours(2)));

    /** The money of the order as it would be sent (translated with the seeded catalogue). */
    private static SalesOrderValues values(ShopOrder order) {
        return SalesOrderValues.of(OrderTranslator.translate(order, TestOrders.policy(),
                code -> Optional.of(TestOrders.item(code))).salesOrder().orElseThrow());
    }

    private static OrderLedgerEntry entry(ShopOrder order, OrderState state, String khaosCode, KhaosOrderProgress progress) {
        Instant at = TestOrders.PLACED.plusSeconds(60);
        OrderLedgerEntry received = OrderLedgerEntry.received("shop1", order.orderId(), order.orderNumber(), "evt-1",
                "checkout.order.placed", at);
        if (state == OrderState.RECEIVED) {
            return received;
        }
        OrderLedgerEntry ready = received.ready("sales order", at, "checked");
        if (state == OrderState.READY) {
            return ready;
        }
        KhaosHandover handover = ready.khaos().servedIn("p1").downloaded(at);
        if (!khaosCode.isEmpty()) {
            handover = handover.reported(khaosCode, "4711", progress.name(), progress);
        }
        OrderLedgerEntry entry = ready.moveTo(OrderState.DOWNLOADED, handover, at, "served");
        for (OrderState next : List.of(OrderState.IMPORTED, OrderState.DESPATCHED, OrderState.WRITTEN_BACK)) {
            if (entry.state() == state) {
                return entry;
            }
            entry = state == OrderState.CANCELLED ? entry.moveTo(OrderState.CANCELLED, at, "as Khaos has it")
                    : entry.moveTo(next, at, "as Khaos has it");
        }
        return entry;
    }

    /** Sent as {@code sent}, Khaos has it under SO10001 in {@code state}; the shop now has {@code now}. */
    private ReconciliationLine sentThen(ShopOrder sent, ShopOrder now, OrderState state, KhaosOrderProgress progress) {
        return reconciliation.reconcile(now, new OrderReconciliation.Known(Optional.of(entry(sent, state, "SO10001", progress)),
                Optional.of(values(sent)), Optional.of(values(now)), false), NIGHT);
    }

    @Test
    void anOrderSentAndUnchanged_agrees() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();

        ReconciliationLine line = sentThen(order, order, OrderState.IMPORTED, KhaosOrderProgress.RECEIVED);

        assertThat(line.reason()).isEqualTo(ReconciliationReason.OK);
        assertThat(line.findings()).isEmpty();
        assertThat(line.difference()).isEqualByComparingTo("0");
        assertThat(line.shopGross()).isEqualByComparingTo("44.95");
    }

    @Test
    void anOrderWeNeverHeardOf_isNotInLedger_withTheShopsTotal() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();

        ReconciliationLine line = reconciliation.reconcile(order, new OrderReconciliation.Known(Optional.empty(), Optional.empty(),
                Optional.empty(), false), NIGHT);

        assertThat(line.reason()).isEqualTo(ReconciliationReason.NOT_IN_LEDGER);
        assertThat(line.findings().get(0).amount()).contains(new BigDecimal("44.95"));
        assertThat(line.sentGross()).isEqualByComparingTo("0");
    }

    @Test
    void anOrderStillWaitingPastTheThreshold_isNotSent_butOneWithinItAgrees() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();
        OrderReconciliation.Known held = new OrderReconciliation.Known(Optional.of(entry(order, OrderState.READY, "", null)),
                Optional.empty(), Optional.empty(), false);

        assertThat(reconciliation.reconcile(order, held, NIGHT).reason()).isEqualTo(ReconciliationReason.NOT_SENT);
        assertThat(reconciliation.reconcile(order, held, TestOrders.PLACED.plus(Duration.ofMinutes(30))).reason())
                .isEqualTo(ReconciliationReason.OK);
        assertThat(reconciliation.reconcile(order(1).line(SCARF, 2, "20.00").cancelled().build(), held, NIGHT).reason())
                .as("cancelled before it was sent: nothing to reconcile").isEqualTo(ReconciliationReason.OK);
    }

    @Test
    void anOrderKhaosDownloadedAndNeverReported_isSentNotConfirmed() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();

        ReconciliationLine line = reconciliation.reconcile(order, new OrderReconciliation.Known(
                Optional.of(entry(order, OrderState.DOWNLOADED, "", null)), Optional.of(values(order)), Optional.of(values(order)),
                false), NIGHT);

        assertThat(line.reason()).isEqualTo(ReconciliationReason.SENT_NOT_CONFIRMED);
    }

    @Test
    void aCancellationOnOneSideOnly_isNamedForThatSide_andOnBothSidesAgrees() {
        ShopOrder live = order(1).line(SCARF, 2, "20.00").build();
        ShopOrder cancelled = order(1).line(SCARF, 2, "20.00").cancelled().build();

        assertThat(sentThen(live, cancelled, OrderState.IMPORTED, KhaosOrderProgress.RECEIVED).reason())
                .isEqualTo(ReconciliationReason.CANCELLED_IN_SHOP_ONLY);
        assertThat(sentThen(live, live, OrderState.CANCELLED, KhaosOrderProgress.CANCELLED).reason())
                .isEqualTo(ReconciliationReason.CANCELLED_IN_KHAOS_ONLY);
        assertThat(sentThen(live, cancelled, OrderState.CANCELLED, KhaosOrderProgress.CANCELLED).reason())
                .isEqualTo(ReconciliationReason.OK);
    }

    @Test
    void aRefund_isRefundedInShop_withItsAmountWhereTheShopKnowsIt_andNotAlsoAPaymentMismatch() {
        ShopOrder sent = order(1).line(SCARF, 2, "20.00").build();

        ReconciliationLine full = sentThen(sent, order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.REFUNDED)
                .build(), OrderState.WRITTEN_BACK, KhaosOrderProgress.COMPLETE);
        ReconciliationLine partial = sentThen(sent, order(1).line(SCARF, 2, "20.00")
                .payment("payment_card", ShopPaymentState.REFUNDED_PARTIALLY).build(), OrderState.WRITTEN_BACK, KhaosOrderProgress.COMPLETE);
        ReconciliationLine chargeback = sentThen(sent, order(1).line(SCARF, 2, "20.00")
                .payment("payment_card", ShopPaymentState.CHARGEBACK).build(), OrderState.WRITTEN_BACK, KhaosOrderProgress.COMPLETE);

        assertThat(full.findings()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);
            assertThat(f.amount()).contains(new BigDecimal("44.95"));
        });
        assertThat(partial.findings()).singleElement().satisfies(f -> {
            assertThat(f.amount()).isEmpty();
            assertThat(f.detail()).contains("amount unknown: see the payment provider");
        });
        assertThat(chargeback.findings()).singleElement().satisfies(f -> assertThat(f.detail()).contains("charged back"));
    }

    @Test
    void anOrderChangedAfterSending_namesEachDifference_whilePenniesOfTotalAloneAreRoundingForNobody() {
        ShopOrder sent = order(1).line(SCARF, 2, "20.00").line(HAT, 1, "15.00").build();
        ShopOrder edited = order(1).line(SCARF, 3, "20.00").build();

        ReconciliationLine changed = sentThen(sent, edited, OrderState.IMPORTED, KhaosOrderProgress.RECEIVED);

        assertThat(changed.reason()).isEqualTo(ReconciliationReason.VALUE_CHANGED_AFTER_SENDING);
        assertThat(changed.findings().get(0).detail()).contains("line SCARF-MER-GRY: quantity 2 → 3",
                "line HAT-BEANIE-NVY removed", "total 59.95 → 64.95");
        assertThat(changed.findings().get(0).amount()).contains(new BigDecimal("5.00"));
        assertThat(changed.reason().needsAPerson()).isTrue();

        SalesOrderValues sentValues = values(sent);
        SalesOrderValues penny = new SalesOrderValues(sentValues.lines(), sentValues.deliveryGross(),
                sentValues.grossTotal().add(new BigDecimal("0.01")), sentValues.paymentsTotal());
        ReconciliationLine rounding = reconciliation.reconcile(sent, new OrderReconciliation.Known(
                Optional.of(entry(sent, OrderState.IMPORTED, "SO10001", KhaosOrderProgress.RECEIVED)), Optional.of(sentValues),
                Optional.of(penny), false), NIGHT);
        assertThat(rounding.reason()).isEqualTo(ReconciliationReason.ROUNDING);
        assertThat(rounding.reason().needsAPerson()).isFalse();
    }

    @Test
    void sentAsPaid_whileTheShopsPaymentFailedSince_isAPaymentMismatch_andTheReverseToo() {
        ShopOrder paid = order(1).line(SCARF, 2, "20.00").build();
        ShopOrder failed = order(1).line(SCARF, 2, "20.00").payment("payment_card", ShopPaymentState.FAILED).build();

        ReconciliationLine line = sentThen(paid, failed, OrderState.IMPORTED, KhaosOrderProgress.RECEIVED);
        ReconciliationLine reverse = sentThen(order(1).line(SCARF, 2, "20.00").unpaid().build(), paid, OrderState.IMPORTED,
                KhaosOrderProgress.RECEIVED);

        assertThat(line.reason()).isEqualTo(ReconciliationReason.PAID_STATE_MISMATCH);
        assertThat(line.findings().get(0).detail()).contains("the shop's payment is now failed");
        assertThat(reverse.reason()).isEqualTo(ReconciliationReason.PAID_STATE_MISMATCH);
    }

    @Test
    void aDuplicateInKhaos_comesFirst_andADespatchNotYetInTheShopIsNamedBeside() {
        ShopOrder order = order(1).line(SCARF, 2, "20.00").build();

        ReconciliationLine line = reconciliation.reconcile(order, new OrderReconciliation.Known(
                Optional.of(entry(order, OrderState.DESPATCHED, "SO10001", KhaosOrderProgress.COMPLETE)), Optional.of(values(order)),
                Optional.of(values(order)), true), NIGHT);

        assertThat(line.reason()).isEqualTo(ReconciliationReason.DUPLICATE_IN_KHAOS);
        assertThat(line.has(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK)).isTrue();
        assertThat(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK.handbookAnchor()).isEqualTo("reconciliation-shipped-not-written-back");
    }
}
