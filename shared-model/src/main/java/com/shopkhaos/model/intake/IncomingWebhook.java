package com.shopkhaos.model.intake;

import com.shopkhaos.model.events.OrderEventType;
import java.time.Instant;
import java.util.Optional;

/**
 * What intake needs from a Shopware app webhook, read from its envelope
 * ({@code {"data":{"payload":…,"event":…},"source":{"url","shopId","appVersion","eventId"},"timestamp":…}}).
 *
 * @param eventId     {@code source.eventId}; null when the shop did not send one
 * @param eventName   the shop's name for the event (for logs and the order's timeline)
 * @param orderEvent  what the event means for an order, when it is one this integration acts on (the adapter maps
 *                    the shop's event names)
 * @param appDeleted  the app was uninstalled from the shop
 * @param orderId     the order the event is about; null when the payload names none
 * @param orderNumber the order's number when the payload carries it; may be null
 * @param sentAt      the envelope's {@code timestamp}; null when absent
 */
public record IncomingWebhook(
        String shopId,
        String shopUrl,
        String eventId,
        String eventName,
        Optional<OrderEventType> orderEvent,
        boolean appDeleted,
        String orderId,
        String orderNumber,
        Instant sentAt) {
    public IncomingWebhook {
        orderEvent = orderEvent == null ? Optional.empty() : orderEvent;
    }
}
