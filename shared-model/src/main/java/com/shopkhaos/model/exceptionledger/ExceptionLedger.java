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

    /** Every open problem (bounded by what people have not dealt with yet), newest first. */
    default List<ExceptionRecord> allOpen() {
        return listOpen(Integer.MAX_VALUE);
    }

    /**
     * Resolved problems, the most recently resolved first, at most {@code limit} of them after {@code after} (a
     * {@link ResolvedPage#next()} this ledger gave; empty: from the newest). Reads only that page, however many there are.
     *
     * @throws BadCursorException when {@code after} is not one this ledger gave
     */
    default ResolvedPage resolvedNewestFirst(Optional<String> after, int limit) {
        throw new UnsupportedOperationException("this ledger does not list resolved problems");
    }

    /** A page of resolved problems; {@code next} carries on after its last one, empty when there are no more. */
    record ResolvedPage(List<ExceptionRecord> items, Optional<String> next) {
        public ResolvedPage {
            items = List.copyOf(items);
        }
    }

    /** A place to carry on from that this ledger never gave. */
    final class BadCursorException extends RefusedRequestException {
        public BadCursorException(String message) {
            super(message);
        }
    }

    /** Marks it resolved; false when there is no such record. */
    boolean resolve(String id, String by, Instant at);
}
