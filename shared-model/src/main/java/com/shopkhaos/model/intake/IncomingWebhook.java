package com.shopkhaos.model.intake;

import java.time.Instant;

/**
 * What intake needs from a Shopware app webhook, read from its envelope
 * ({@code {"data":{"payload":…,"event":…},"source":{"url","shopId","appVersion","eventId"},"timestamp":…}}).
 *
 * @param eventId     {@code source.eventId}; null when the shop did not send one
 * @param orderId     the order the event is about; null when the payload names none
 * @param orderNumber the order's number when the payload carries it; may be null
 * @param sentAt      the envelope's {@code timestamp}; null when absent
 */
public record IncomingWebhook(
        String shopId,
        String shopUrl,
        String eventId,
        String eventName,
        String orderId,
        String orderNumber,
        Instant sentAt) {
}
