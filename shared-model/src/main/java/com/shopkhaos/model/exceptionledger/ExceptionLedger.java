package com.shopkhaos.model.exceptionledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the exception ledger (DynamoDB table {@code exceptions}). */
public interface ExceptionLedger {

    /**
     * Records the problem: a new record, or, when one with the same id exists, counts the repeat,
     * takes the new reason and evidence, and opens it again if it was resolved.
     */
    void raise(ExceptionRecord problem);

    Optional<ExceptionRecord> find(String id);

    /** Open problems, newest first. */
    List<ExceptionRecord> listOpen(int limit);

    /** Every record with this status (the ops console filters and pages them). */
    default List<ExceptionRecord> inStatus(ExceptionStatus status) {
        return status == ExceptionStatus.OPEN ? listOpen(Integer.MAX_VALUE) : List.of();
    }

    /** Marks it resolved; false when there is no such record. */
    boolean resolve(String id, String by, Instant at);
}
