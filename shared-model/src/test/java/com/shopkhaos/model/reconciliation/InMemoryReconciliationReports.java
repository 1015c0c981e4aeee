package com.shopkhaos.model.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The nights' reports in memory, each stored whole; {@link #saves} counts how many were written. */
public final class InMemoryReconciliationReports implements ReconciliationReports {
    private final TreeMap<LocalDate, ReconciliationReport> reports = new TreeMap<>();
    public int saves;

    @Override
    public synchronized void save(ReconciliationReport report) {
        saves++;
        reports.put(report.day(), report);
    }

    @Override
    public synchronized Optional<ReconciliationReport> find(LocalDate day) {
        return Optional.ofNullable(reports.get(day));
    }

    @Override
    public synchronized List<ReconciliationSummary> summaries(LocalDate from, LocalDate to) {
        List<ReconciliationSummary> out = new ArrayList<>();
        reports.subMap(from, true, to, true).descendingMap().values().forEach(r -> out.add(r.summary()));
        return out;
    }
}
