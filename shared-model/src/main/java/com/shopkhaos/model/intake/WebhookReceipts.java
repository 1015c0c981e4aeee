package com.shopkhaos.model.intake;

import java.time.Instant;

/** Port: the idempotency table, keyed on Shopware's {@code source.eventId}. */
public interface WebhookReceipts {

    /** Writes a PENDING receipt if there is none ({@link ReceiptState#NEW}), else says which one is there. */
    ReceiptState claim(String eventId, String shopId, Instant now);

    void markEnqueued(String eventId, Instant now);
}
