package com.shopkhaos.model.exceptionledger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exception ledger in memory, as the table keeps it: one record per id (type + subject); raising it again counts
 * the repeat, takes the new reason and evidence and opens it again (keeping when it was first seen); resolving marks an
 * existing record resolved. {@link #raised} lists every raise call; {@link #failNextRaise} makes the next raise throw
 * (the table unreachable) without recording anything.
 */
public final class InMemoryExceptionLedger implements ExceptionLedger {
    public final Map<String, ExceptionRecord> records = new LinkedHashMap<>();
    /** Every raise that reached the store, in order (repeats included). */
    public final List<ExceptionRecord> raised = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    @Override
    public synchronized void raise(ExceptionRecord problem) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        raised.add(problem);
        ExceptionRecord known = records.get(problem.id());
        if (known == null) {
            records.put(problem.id(), problem);
            return;
        }
        records.put(problem.id(), new ExceptionRecord(problem.id(), problem.type(), problem.subject(), ExceptionStatus.OPEN,
                problem.reason(), problem.suggestedAction(), problem.evidence(), known.createdAt(), problem.lastSeenAt(),
                known.occurrences() + 1, null, null));
    }

    @Override
    public synchronized Optional<ExceptionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized List<ExceptionRecord> listOpen(int limit) {
        return inStatus(ExceptionStatus.OPEN).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<ExceptionRecord> inStatus(ExceptionStatus status) {
        return records.values().stream().filter(r -> r.status() == status)
                .sorted(Comparator.comparing(ExceptionRecord::lastSeenAt).reversed()).toList();
    }

    @Override
    public synchronized boolean resolve(String id, String by, Instant at) {
        ExceptionRecord known = records.get(id);
        if (known == null) {
            return false;
        }
        records.put(id, known.resolved(by, at));
        return true;
    }

    /** The next raise throws {@code failure} and records nothing. */
    public synchronized void failNextRaise(RuntimeException failure) {
        failures.add(failure);
    }

    /** The record of this problem, if there is one. */
    public synchronized Optional<ExceptionRecord> of(ExceptionType type, String subject) {
        return find(ExceptionRecord.idFor(type, subject));
    }

    public synchronized List<ExceptionRecord> open() {
        return inStatus(ExceptionStatus.OPEN);
    }

    public synchronized List<ExceptionRecord> ofType(ExceptionType type) {
        return records.values().stream().filter(r -> r.type() == type).toList();
    }
}
