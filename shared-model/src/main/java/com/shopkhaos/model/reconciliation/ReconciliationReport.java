package com.shopkhaos.model.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One night's reconciliation of a business day: its summary and every line (the day's orders, then the orders of
 * earlier days looked at again because they changed or had an open difference). Written whole once complete.
 *
 * @param changesFrom the start of the window of changed orders looked at again (the day's start; go-live on the first run)
 */
public record ReconciliationReport(LocalDate day, Instant generatedAt, Instant changesFrom, ReconciliationSummary summary,
                                   List<ReconciliationLine> lines) {
    public ReconciliationReport {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(summary, "summary");
        lines = List.copyOf(lines);
    }
}
