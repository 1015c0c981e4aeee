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
 * @param orderId      Shopware's order id (32 hex characters), the key
 * @param shopId       the shop the order came from
 * @param orderNumber  Shopware's order number, as people know the order (and Khaos's AssociatedRef); may be empty until known
 * @param eventIds     the webhook event ids already written to the timeline, so a redelivery adds nothing
 * @param exceptionIds the open exceptions that keep the order QUARANTINED (one per problem)
 * @param khaos        how it was handed to Khaos, once READY
 * @param heldStock    the stock the order's in-flight holds take, as last recorded with their stock change sent
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
        Set<String> eventIds,
        List<String> exceptionIds,
        KhaosHandover khaos,
        HeldStock heldStock) {

    public OrderLedgerEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        shopId = shopId == null ? "" : shopId;
        orderNumber = orderNumber == null ? "" : orderNumber;
        timeline = List.copyOf(timeline);
        eventIds = Set.copyOf(eventIds);
        exceptionIds = exceptionIds == null ? List.of() : List.copyOf(exceptionIds);
        khaos = khaos == null ? KhaosHandover.NONE : khaos;
        heldStock = heldStock == null ? HeldStock.UNKNOWN : heldStock;
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** A new entry for an order first seen through a webhook (or found by the sweep). */
    public static OrderLedgerEntry received(String shopId, String orderId, String orderNumber,
                                            String eventId, String eventName, Instant at) {
        TimelineEntry first = new TimelineEntry(at, OrderState.RECEIVED, "webhook " + eventName, "event " + eventId);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, OrderState.RECEIVED, 1, at, at,
                List.of(first), Set.of(eventId), List.of(), KhaosHandover.NONE, HeldStock.NONE);
    }

    /** A new entry for an order first seen some other way than a webhook (the sweep, a queued message). */
    public static OrderLedgerEntry foundBy(String shopId, String orderId, String orderNumber, String eventId, String how,
                                           String detail, Instant at) {
        TimelineEntry first = new TimelineEntry(at, OrderState.RECEIVED, how, detail);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, OrderState.RECEIVED, 1, at, at,
                List.of(first), Set.of(eventId), List.of(), KhaosHandover.NONE, HeldStock.NONE);
    }

    public boolean hasSeen(String eventId) {
        return eventIds.contains(eventId);
    }

    /**
     * The webhook noted on the timeline could not be queued: it is no longer counted as seen, so the shop's retry is
     * taken (the timeline keeps both notes).
     */
    public OrderLedgerEntry withoutWebhook(String eventId, String eventName, Instant at) {
        Set<String> seen = new LinkedHashSet<>(eventIds);
        seen.remove(eventId);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, version + 1, createdAt, updatedAt,
                append(new TimelineEntry(at, state, "webhook " + eventName + " not queued", "event " + eventId
                        + ": the shop's retry is taken")), seen, exceptionIds, khaos, heldStock);
    }

    /** Records a further webhook for this order on the timeline, without changing its state. */
    public OrderLedgerEntry withWebhook(String eventId, String eventName, String knownOrderNumber, Instant at) {
        Set<String> seen = new LinkedHashSet<>(eventIds);
        seen.add(eventId);
        String number = orderNumber.isEmpty() && knownOrderNumber != null ? knownOrderNumber : orderNumber;
        return new OrderLedgerEntry(orderId, shopId, number, state, version + 1, createdAt, at,
                append(new TimelineEntry(at, state, "webhook " + eventName, "event " + eventId)), seen, exceptionIds, khaos, heldStock);
    }

    /** Moves the order to {@code next}, or refuses with {@link IllegalOrderTransitionException}. */
    public OrderLedgerEntry moveTo(OrderState next, Instant at, String reason) {
        if (!state.canMoveTo(next)) {
            throw new IllegalOrderTransitionException(orderId, state, next);
        }
        List<String> problems = next == OrderState.QUARANTINED ? exceptionIds : List.of();
        return new OrderLedgerEntry(orderId, shopId, orderNumber, next, version + 1, createdAt, at,
                append(new TimelineEntry(at, next, state + " → " + next, reason)), eventIds, problems, khaos, heldStock);
    }

    /** Moves the order to {@code next} with a new record of how it stands with Khaos (one write, one version). */
    public OrderLedgerEntry moveTo(OrderState next, KhaosHandover handover, Instant at, String reason) {
        OrderLedgerEntry moved = moveTo(next, at, reason);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, moved.state, moved.version, createdAt, at, moved.timeline,
                eventIds, moved.exceptionIds, handover, heldStock);
    }

    /** These changes, made from {@code original}, as one write: {@code original.version() + 1}. */
    public OrderLedgerEntry asOneChangeFrom(OrderLedgerEntry original) {
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, original.version + 1, createdAt, updatedAt, timeline,
                eventIds, exceptionIds, khaos, heldStock);
    }

    /** Quarantines the order with these exceptions (or changes which exceptions hold it). */
    public OrderLedgerEntry quarantined(List<String> problems, Instant at, String reason) {
        OrderLedgerEntry base = state == OrderState.QUARANTINED
                ? new OrderLedgerEntry(orderId, shopId, orderNumber, state, version + 1, createdAt, at,
                append(new TimelineEntry(at, state, "problems changed", reason)), eventIds, problems, khaos, heldStock)
                : moveTo(OrderState.QUARANTINED, at, reason);
        return new OrderLedgerEntry(orderId, shopId, base.orderNumber, base.state, base.version, createdAt, at, base.timeline,
                eventIds, problems, khaos, heldStock);
    }

    /** Marks it READY for Khaos with the sales order as it will be served. */
    public OrderLedgerEntry ready(String salesOrderJson, Instant at, String reason) {
        OrderLedgerEntry moved = moveTo(OrderState.READY, at, reason);
        return new OrderLedgerEntry(orderId, shopId, orderNumber, moved.state, moved.version, createdAt, at, moved.timeline,
                eventIds, List.of(), khaos.withSalesOrder(salesOrderJson), heldStock);
    }

    /** The order number, once known (webhooks for payments may not carry it). */
    public OrderLedgerEntry withOrderNumber(String number) {
        if (!orderNumber.isEmpty() || number == null || number.isEmpty()) {
            return this;
        }
        return new OrderLedgerEntry(orderId, shopId, number, state, version, createdAt, updatedAt, timeline, eventIds,
                exceptionIds, khaos, heldStock);
    }

    /**
     * The stock the order's holds take now, recorded with this entry's next change (the version is not moved: the
     * change that follows writes it).
     */
    public OrderLedgerEntry withHeldStock(HeldStock held) {
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, version, createdAt, updatedAt, timeline, eventIds,
                exceptionIds, khaos, held);
    }

    /** A change to how it was handed to Khaos, noted on the timeline, without a state change. */
    public OrderLedgerEntry withKhaos(KhaosHandover handover, Instant at, String event, String detail) {
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, version + 1, createdAt, at,
                append(new TimelineEntry(at, state, event, detail)), eventIds, exceptionIds, handover, heldStock);
    }

    /**
     * The sales order with the customer's personal data replaced ({@code redacted}), noted on the timeline. The order's
     * state, dates, totals and Khaos codes stay; {@code updatedAt} stays too (it is when the order last moved, which the
     * sweeps and checks go by).
     */
    public OrderLedgerEntry withPersonalDataErased(String redacted, Instant at, String why) {
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, version + 1, createdAt, updatedAt,
                append(new TimelineEntry(at, state, "personal data erased", why)), eventIds, exceptionIds,
                khaos.withPersonalDataErased(redacted, at), heldStock);
    }

    /** A note on the timeline (no state change). */
    public OrderLedgerEntry noted(String event, String detail, Instant at) {
        return new OrderLedgerEntry(orderId, shopId, orderNumber, state, version + 1, createdAt, at,
                append(new TimelineEntry(at, state, event, detail)), eventIds, exceptionIds, khaos, heldStock);
    }

    private List<TimelineEntry> append(TimelineEntry line) {
        List<TimelineEntry> lines = new ArrayList<>(timeline);
        lines.add(line);
        return lines;
    }
}
