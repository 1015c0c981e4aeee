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

    /** Raises it unless the same problem is open already (a repeat would only count up); true when it was raised. */
    default boolean raiseUnlessOpen(ExceptionRecord problem) {
        if (find(problem.id()).map(r -> r.status() == ExceptionStatus.OPEN).orElse(false)) {
            return false;
        }
        raise(problem);
        return true;
    }

    /** Every record with this status (the ops console filters and pages them). */
    default List<ExceptionRecord> inStatus(ExceptionStatus status) {
        return status == ExceptionStatus.OPEN ? listOpen(Integer.MAX_VALUE) : List.of();
    }

    /** Marks it resolved; false when there is no such record. */
    boolean resolve(String id, String by, Instant at);
}
