package com.shopkhaos.model.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code order-events} queue message: a small, versioned record. It names the order; the
 * consumer fetches the full order from Shopware itself.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; a reader refuses a newer major version
 * @param eventId       Shopware's {@code source.eventId}, stable across webhook retries
 * @param occurredAt    the webhook's {@code timestamp} (when the shop sent it)
 */
public record OrderEvent(
        int schemaVersion,
        String eventId,
        String shopId,
        OrderEventType type,
        String orderId,
        String orderNumber,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public OrderEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        orderNumber = orderNumber == null ? "" : orderNumber;
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more");
        }
        if (schemaVersion > SCHEMA_VERSION) {
            throw new UnsupportedMessageVersionException("order-events", schemaVersion, SCHEMA_VERSION);
        }
    }

    public static OrderEvent of(String eventId, String shopId, OrderEventType type, String orderId,
                                String orderNumber, Instant occurredAt) {
        return new OrderEvent(SCHEMA_VERSION, eventId, shopId, type, orderId, orderNumber, occurredAt);
    }
}
