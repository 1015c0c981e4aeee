package com.shopkhaos.model.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Port: where the nights' reports are kept. A report is stored whole or not at all: one that dies half-way leaves the
 * day's previous report (or none) readable, never a mixture.
 */
public interface ReconciliationReports {

    /** Stores the day's report, replacing any earlier one of the same day once the new one is complete. */
    void save(ReconciliationReport report);

    Optional<ReconciliationReport> find(LocalDate day);

    /** The summaries of the days from {@code from} to {@code to} (both included) that have a report, newest first. */
    List<ReconciliationSummary> summaries(LocalDate from, LocalDate to);
}
