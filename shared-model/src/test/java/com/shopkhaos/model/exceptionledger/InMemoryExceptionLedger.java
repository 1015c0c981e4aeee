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
    /** How many pages of resolved problems were read. */
    public int resolvedPagesRead;
    private static final Comparator<ExceptionRecord> NEWEST_RESOLVED_FIRST = Comparator
            .comparing(ExceptionRecord::resolvedAt, Comparator.reverseOrder()).thenComparing(ExceptionRecord::id);
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
        records.put(problem.id(), new ExceptionRecord(problem.id(), problem.type(), problem.about(), ExceptionStatus.OPEN,
                problem.reason(), problem.suggestedAction(), problem.evidence(), known.createdAt(), problem.lastSeenAt(),
                known.occurrences() + 1, null, null, problem.missingMapping()));
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
    public synchronized List<ExceptionRecord> allOpen() {
        return inStatus(ExceptionStatus.OPEN);
    }

    /** Like the table's {@code resolved-by-time} index: newest resolved first, then by id; the cursor names the last one. */
    @Override
    public synchronized ResolvedPage resolvedNewestFirst(Optional<String> after, int limit) {
        List<ExceptionRecord> resolved = inStatus(ExceptionStatus.RESOLVED).stream().sorted(NEWEST_RESOLVED_FIRST).toList();
        int from = 0;
        if (after.isPresent()) {
            ExceptionRecord last = Optional.ofNullable(records.get(after.get()))
                    .filter(r -> r.status() == ExceptionStatus.RESOLVED)
                    .orElseThrow(() -> new BadCursorException("no resolved problem " + after.get() + " to carry on from"));
            from = (int) resolved.stream().takeWhile(r -> NEWEST_RESOLVED_FIRST.compare(r, last) <= 0).count();
        }
        resolvedPagesRead++;
        List<ExceptionRecord> page = resolved.subList(from, Math.min(resolved.size(), from + limit));
        boolean more = from + page.size() < resolved.size();
        return new ResolvedPage(page, more ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }

    private List<ExceptionRecord> inStatus(ExceptionStatus status) {
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
    public synchronized Optional<ExceptionRecord> of(ExceptionType type, ExceptionSubject subject) {
        return find(ExceptionRecord.idFor(type, subject));
    }

    /** The record of this problem, by the subject as people see it. */
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
