package com.shopkhaos.model.intake;

import java.util.Optional;

/** Port: reads a webhook body (Shopware's JSON shapes stay in the infra adapter). */
public interface WebhookReader {

    /** Reads the envelope; the body must be JSON with {@code source.shopId} and {@code data.event}. */
    IncomingWebhook read(byte[] body) throws UnreadableMessageException;

    /** Finds {@code source.shopId} in a body that is not valid JSON, so its signature can still be checked. */
    Optional<String> findShopId(byte[] body);
}
