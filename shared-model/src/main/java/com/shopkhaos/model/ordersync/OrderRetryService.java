package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A person asks for an order to be checked again (after mapping a SKU or a courier, fixing the product in
 * Khaos or the address in the shop): the request is noted on the order's timeline and queued for order-sync,
 * which reads the order from the shop again and either sends it on or keeps it held with what is still wrong.
 * An order Khaos has despatched (or cancelled) is queued for the despatch write-back instead, which writes to the
 * shop whatever it does not show yet (after a WRITEBACK_FAILED, or a held despatch whose cause was fixed).
 */
public final class OrderRetryService {
    /** Only orders that have not reached Khaos can be retried here. */
    public static final Set<OrderState> RETRYABLE = EnumSet.of(OrderState.QUARANTINED, OrderState.AWAITING_PAYMENT,
            OrderState.RECEIVED);

    /** Orders whose despatch (or Khaos cancellation) can be written to the shop again. */
    public static final Set<OrderState> DESPATCH_RETRYABLE = EnumSet.of(OrderState.DESPATCHED, OrderState.WRITTEN_BACK,
            OrderState.CANCELLED);

    public enum Outcome { QUEUED, NOT_FOUND, NOT_RETRYABLE }

    /** Port: queues an order's despatch write-back again. */
    @FunctionalInterface
    public interface DespatchRetry {
        void requeue(OrderLedgerEntry entry, String requestedBy, Instant at);

        DespatchRetry NONE = (entry, by, at) -> {
            throw new IllegalStateException("despatch retries are not wired here");
        };
    }

    public record Answer(Outcome outcome, Optional<OrderLedgerEntry> order, String message) {
    }

    private final OrderLedger ledger;
    private final OrderEventPublisher publisher;
    private final Clock clock;
    private final DespatchRetry despatches;

    public OrderRetryService(OrderLedger ledger, OrderEventPublisher publisher, Clock clock) {
        this(ledger, publisher, clock, DespatchRetry.NONE);
    }

    public OrderRetryService(OrderLedger ledger, OrderEventPublisher publisher, Clock clock, DespatchRetry despatches) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
        this.despatches = despatches;
    }

    /** {@code ref}: the shop's order number, or its order id. */
    public Answer retry(String ref, String requestedBy) {
        Optional<OrderLedgerEntry> found = ledger.findByRef(ref);
        if (found.isEmpty()) {
            return new Answer(Outcome.NOT_FOUND, found, "no order " + ref + " in the ledger");
        }
        OrderLedgerEntry entry = found.get();
        if (DESPATCH_RETRYABLE.contains(entry.state()) && despatches != DespatchRetry.NONE) {
            Instant now = clock.instant();
            despatches.requeue(entry, requestedBy, now);
            return new Answer(Outcome.QUEUED, found, "order " + label(entry) + "'s despatch queued to be written to the shop again");
        }
        if (!RETRYABLE.contains(entry.state())) {
            return new Answer(Outcome.NOT_RETRYABLE, found, "order " + label(entry) + " is " + entry.state()
                    + "; only orders that are " + RETRYABLE + " can be retried");
        }
        Instant now = clock.instant();
        ledger.change(entry.orderId(), e -> e.noted("retry requested", "by " + requestedBy, now));
        Optional<OrderLedgerEntry> noted = ledger.find(entry.orderId());
        publisher.publish(OrderEvent.of("retry-" + UUID.randomUUID(), entry.shopId(), OrderEventType.RETRY_REQUESTED,
                entry.orderId(), entry.orderNumber(), now));
        return new Answer(Outcome.QUEUED, noted, "order " + label(entry) + " queued to be checked again");
    }

    private static String label(OrderLedgerEntry entry) {
        return entry.orderNumber().isEmpty() ? entry.orderId() : entry.orderNumber();
    }
}
