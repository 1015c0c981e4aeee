package com.shopkhaos.model.ledger;

/** Someone else changed the ledger entry since it was read; read it again and retry. */
public class LedgerVersionConflictException extends RuntimeException {
    public LedgerVersionConflictException(String orderId, long expectedVersion) {
        super("order " + orderId + " changed since version " + expectedVersion);
    }
}
