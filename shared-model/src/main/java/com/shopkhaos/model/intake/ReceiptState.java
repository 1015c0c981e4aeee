package com.shopkhaos.model.intake;

/** Where a webhook event stands in the idempotency table. */
public enum ReceiptState {
    /** First time seen: a PENDING receipt was just written. */
    NEW,
    /** Seen before, but not known to have reached the queue: process it again. */
    PENDING,
    /** Seen before and on the queue: nothing to do. */
    ENQUEUED
}
