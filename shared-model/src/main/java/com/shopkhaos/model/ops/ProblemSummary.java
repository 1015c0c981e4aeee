package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionLedger.ResolvedPage;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Open problems per kind (how many, the oldest's age in hours) and new problems per day over the last
 * {@value #DAYS} days (UTC). Resolved problems are read newest resolved first and only back to the window's start: one
 * raised in the window was resolved after it was raised, so older resolutions cannot count.
 */
public final class ProblemSummary {
    static final int DAYS = 14;
    private static final int PAGE = 500;
    private final ExceptionLedger exceptions;
    private final Clock clock;

    /** Open problems per kind and new problems per day, newest day first. */
    public record Summary(Map<String, KindSummary> openByKind, Map<String, Integer> newPerDay, int open) {
    }

    /** One kind of problem, open. */
    public record KindSummary(String title, int open, long oldestHours) {
    }

    public ProblemSummary(ExceptionLedger exceptions, Clock clock) {
        this.exceptions = exceptions;
        this.clock = clock;
    }

    public Summary summary() {
        Instant now = clock.instant();
        Map<String, KindSummary> byKind = new TreeMap<>();
        List<ExceptionRecord> open = exceptions.allOpen();
        for (ExceptionRecord e : open) {
            long age = Duration.between(e.createdAt(), now).toHours();
            byKind.merge(e.type().name(), new KindSummary(e.type().title(), 1, age),
                    (a, b) -> new KindSummary(a.title(), a.open() + 1, Math.max(a.oldestHours(), b.oldestHours())));
        }
        Map<String, Integer> perDay = new TreeMap<>(Comparator.reverseOrder());
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (int d = 0; d < DAYS; d++) {
            perDay.put(today.minusDays(d).toString(), 0);
        }
        Instant windowStart = today.minusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ExceptionRecord> counted = new ArrayList<>(open);
        counted.addAll(resolvedSince(windowStart));
        for (ExceptionRecord e : counted) {
            perDay.computeIfPresent(e.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), (k, v) -> v + 1);
        }
        return new Summary(byKind, perDay, open.size());
    }

    private List<ExceptionRecord> resolvedSince(Instant start) {
        List<ExceptionRecord> resolved = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            ResolvedPage page = exceptions.resolvedNewestFirst(after, PAGE);
            for (ExceptionRecord e : page.items()) {
                if (e.resolvedAt().isBefore(start)) {
                    return resolved;
                }
                resolved.add(e);
            }
            after = page.next();
        } while (after.isPresent());
        return resolved;
    }
}
