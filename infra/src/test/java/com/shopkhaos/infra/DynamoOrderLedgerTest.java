package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoOrderLedgerTest {
    private final Adapters adapters = new Adapters();
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    private static String orderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void create_thenFind_returnsTheSameEntry() {
        String id = orderId();
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", id, "10001", "ev-1", "checkout.order.placed", t0);
        adapters.ledger.create(entry);
        assertThat(adapters.ledger.find(id)).contains(entry);
    }

    @Test
    void create_rejectsSecondEntry_forTheSameOrder() {
        String id = orderId();
        adapters.ledger.create(OrderLedgerEntry.received("shop1", id, "10002", "ev-1", "checkout.order.placed", t0));
        assertThatThrownBy(() -> adapters.ledger.create(
                OrderLedgerEntry.received("shop1", id, "10002", "ev-2", "checkout.order.placed", t0)))
                .isInstanceOf(LedgerVersionConflictException.class);
    }

    @Test
    void update_writesOnlyOverTheVersionItWasMadeFrom() {
        String id = orderId();
        OrderLedgerEntry v1 = OrderLedgerEntry.received("shop1", id, "", "ev-1", "checkout.order.placed", t0);
        adapters.ledger.create(v1);
        OrderLedgerEntry v2 = v1.withWebhook("ev-2", "state_enter.order_transaction.state.paid", "10003", t0.plusSeconds(5));
        adapters.ledger.update(v2);
        OrderLedgerEntry staleChange = v1.moveTo(OrderState.READY, t0.plusSeconds(6), "checked");
        assertThatThrownBy(() -> adapters.ledger.update(staleChange)).isInstanceOf(LedgerVersionConflictException.class);

        OrderLedgerEntry stored = adapters.ledger.find(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.orderNumber()).isEqualTo("10003");
        assertThat(stored.eventIds()).containsExactlyInAnyOrder("ev-1", "ev-2");
        assertThat(stored.timeline()).extracting(t -> t.event())
                .containsExactly("webhook checkout.order.placed", "webhook state_enter.order_transaction.state.paid");
    }

    @Test
    void inState_listsOrdersInThatState_mostRecentlyChangedFirst() {
        String older = orderId();
        String newer = orderId();
        Instant far = Instant.parse("2098-05-01T00:00:00Z");
        adapters.ledger.create(OrderLedgerEntry.received("shop1", older, "1", "e1", "checkout.order.placed", far)
                .moveTo(OrderState.READY, far, "ok").moveTo(OrderState.WITHDRAWN, far, "cancelled"));
        adapters.ledger.create(OrderLedgerEntry.received("shop1", newer, "2", "e2", "checkout.order.placed", far)
                .moveTo(OrderState.WITHDRAWN, far.plusSeconds(1), "cancelled"));
        assertThat(adapters.ledger.inState(OrderState.WITHDRAWN, 2)).extracting(OrderLedgerEntry::orderId)
                .containsExactly(newer, older);
    }

    @Test
    void find_returnsEmpty_forAnUnknownOrder() {
        assertThat(adapters.ledger.find(orderId())).isEmpty();
    }
}
