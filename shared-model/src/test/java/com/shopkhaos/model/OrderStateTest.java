package com.shopkhaos.model;

import static com.shopkhaos.model.ledger.OrderState.AWAITING_PAYMENT;
import static com.shopkhaos.model.ledger.OrderState.CANCELLED;
import static com.shopkhaos.model.ledger.OrderState.DESPATCHED;
import static com.shopkhaos.model.ledger.OrderState.DOWNLOADED;
import static com.shopkhaos.model.ledger.OrderState.IMPORTED;
import static com.shopkhaos.model.ledger.OrderState.QUARANTINED;
import static com.shopkhaos.model.ledger.OrderState.READY;
import static com.shopkhaos.model.ledger.OrderState.RECEIVED;
import static com.shopkhaos.model.ledger.OrderState.WITHDRAWN;
import static com.shopkhaos.model.ledger.OrderState.WRITTEN_BACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.ledger.IllegalOrderTransitionException;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class OrderStateTest {
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theHappyPath_isLegal_stepByStep() {
        OrderState[] path = {RECEIVED, AWAITING_PAYMENT, READY, DOWNLOADED, IMPORTED, DESPATCHED, WRITTEN_BACK, DESPATCHED};
        for (int i = 0; i + 1 < path.length; i++) {
            assertThat(path[i].canMoveTo(path[i + 1])).as(path[i] + " → " + path[i + 1]).isTrue();
        }
    }

    @Test
    void anOrderKhaosHasSeen_cannotBeWithdrawn_onlyCancelledInKhaos() {
        for (OrderState seen : EnumSet.of(DOWNLOADED, IMPORTED)) {
            assertThat(seen.canMoveTo(WITHDRAWN)).as(seen + " → WITHDRAWN").isFalse();
            assertThat(seen.canMoveTo(CANCELLED)).as(seen + " → CANCELLED").isTrue();
        }
        for (OrderState unseen : EnumSet.of(RECEIVED, AWAITING_PAYMENT, READY, QUARANTINED)) {
            assertThat(unseen.canMoveTo(WITHDRAWN)).as(unseen + " → WITHDRAWN").isTrue();
            assertThat(unseen.canMoveTo(CANCELLED)).as(unseen + " → CANCELLED").isFalse();
        }
    }

    @Test
    void aQuarantinedOrder_neverGoesToKhaos_withoutBeingReadyFirst() {
        assertThat(QUARANTINED.canMoveTo(DOWNLOADED)).isFalse();
        assertThat(QUARANTINED.canMoveTo(READY)).isTrue();
    }

    @Test
    void cancelledAndWithdrawn_areFinal() {
        assertThat(CANCELLED.isFinal()).isTrue();
        assertThat(WITHDRAWN.isFinal()).isTrue();
        assertThat(EnumSet.complementOf(EnumSet.of(CANCELLED, WITHDRAWN))).noneMatch(OrderState::isFinal);
    }

    @Test
    void moveTo_refusesAnIllegalTransition_andLeavesTheEntryAsItWas() {
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop", "o1", "10001", "e1", "checkout.order.placed", t0);
        assertThatThrownBy(() -> entry.moveTo(IMPORTED, t0, "skip"))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessageContaining("RECEIVED").hasMessageContaining("IMPORTED");
        assertThat(entry.state()).isEqualTo(RECEIVED);
        assertThat(entry.version()).isEqualTo(1);
    }

    @Test
    void everyChange_bumpsTheVersion_andAddsATimelineLine() {
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop", "o1", "", "e1", "checkout.order.placed", t0)
                .withWebhook("e2", "state_enter.order_transaction.state.paid", "10001", t0.plusSeconds(1))
                .moveTo(READY, t0.plusSeconds(2), "checked");
        assertThat(entry.version()).isEqualTo(3);
        assertThat(entry.orderNumber()).isEqualTo("10001");
        assertThat(entry.hasSeen("e2")).isTrue();
        assertThat(entry.timeline()).extracting(t -> t.event())
                .containsExactly("webhook checkout.order.placed", "webhook state_enter.order_transaction.state.paid", "RECEIVED → READY");
        assertThat(entry.updatedAt()).isEqualTo(t0.plusSeconds(2));
    }
}
