package com.shopkhaos.model.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ledger's record of one Shopware order: its state, a version for conditional writes and a
 * timeline. Immutable: every change returns a new entry with {@code version + 1}; a store writes it
 * only if the stored entry still has the old version.
 *
 * @param orderId     Shopware's order id (32 hex characters), the key
 * @param shopId      the shop the order came from
 * @param orderNumber Shopware's order number, as people know the order; may be empty until known
 * @param eventIds    the webhook event ids already written to the timeline, so a redelivery adds nothing
 */
public record OrderLedgerEntry(
        String orderId,
        String shopId,
        String orderNumber,
        OrderState state,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<TimelineEntry> timeline,
        Set<String> eventIds) {

    public OrderLedgerEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        shopId = shopId == null ? "" : shopId;
        orderNumber = orderNumber == null ? "" : orderNumber;
        timeline = List.copyOf(timeline);
        eventIds = Set.copyOf(eventIds);
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** A new entry for an order first seen through a webhook. */
    public static OrderLedgerEntry received(String shopId, String orderId, String orderNumber,
                                            String eventId, String eventName, Instant at) {
        TimelineEntry first = new TimelineEntry(at, OrderState.RECEIVED, "webhook " + eventName,
                "event " + eventId);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, OrderState.RECEIVED, 1, at, at,
                List.of(first), Set.of(eventId));
    }

    public boolean hasSeen(String eventId) {
        return eventIds.contains(eventId);
    }

    /** Records a further webhook for this order on the timeline, without changing its state. */
    public OrderLedgerEntry withWebhook(String eventId, String eventName, String knownOrderNumber, Instant at) {
        List<TimelineEntry> lines = new ArrayList<>(timeline);
        lines.add(new TimelineEntry(at, state, "webhook " + eventName, "event " + eventId));
        Set<String> seen = new LinkedHashSet<>(eventIds);
        seen.add(eventId);
        String number = orderNumber.isEmpty() && knownOrderNumber != null ? knownOrderNumber : orderNumber;
        return new OrderLedgerEntry(orderId, shopId, number, state, version + 1, createdAt, at, lines, seen);
    }

    /** Moves the order to {@code next}, or refuses with {@link IllegalOrderTransitionException}. */
    public OrderLedgerEntry moveTo(OrderState next, Instant at, String reason) {
        if (!state.canMoveTo(next)) {
            throw new IllegalOrderTransitionException(orderId, state, next);
        }
        List<TimelineEntry> lines = new ArrayList<>(timeline);
        lines.add(new TimelineEntry(at, next, state + " → " + next, reason));
        return new OrderLedgerEntry(orderId, shopId, orderNumber, next, version + 1, createdAt, at, lines, eventIds);
    }
}
