package com.shopkhaos.function.ordersync;

import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditTrigger;
import com.shopkhaos.model.audit.CatalogueAudits;
import com.shopkhaos.model.reconciliation.NightlyReconciliation;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import com.shopkhaos.model.reconciliation.ReconciliationSummary;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code reconciliation} Lambda. Its nightly schedule reconciles yesterday (Europe/London); invoked with
 * {@code {"date":"YYYY-MM-DD"}} it reconciles that day again (the report replaces the day's earlier one). It answers the
 * day's figures, never an order's personal data (a report holds none). It also carries out the go-live audit:
 * {@code {"audit":"<run id>"}} (a run the ops API started), {@code {"audit":"scheduled","at":"<scheduled time>"}} (the
 * weekly schedule; one run per scheduled time, however often delivered) or
 * {@code {"audit":"now","by":"<name>"}} (a consultant's run), answering the run's counts.
 */
public class ReconciliationFunctions {

    @Inject
    NightlyReconciliation reconciliation;

    @Inject
    CatalogueAudits audits;

    @Funq("reconciliation")
    public Map<String, Object> reconcile(Map<String, Object> input) {
        Object audit = input == null ? null : input.get("audit");
        if (audit != null && !audit.toString().isBlank()) {
            return audit(audit.toString().strip(), input.get("by"), input.get("at"));
        }
        Object date = input == null ? null : input.get("date");
        ReconciliationReport report = date == null || date.toString().isBlank() ? reconciliation.nightly()
                : reconciliation.run(day(date.toString()));
        ReconciliationSummary s = report.summary();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("day", s.day().toString());
        answer.put("orders", s.orders());
        answer.put("rechecked", s.rechecked());
        answer.put("needingAPerson", s.needingAPerson());
        answer.put("currency", s.baseCurrency());
        answer.put("shopGross", s.shopGross().toPlainString());
        answer.put("sentGross", s.sentGross().toPlainString());
        answer.put("difference", s.difference().toPlainString());
        answer.put("unexplained", s.unexplained().toPlainString());
        return answer;
    }

    private Map<String, Object> audit(String which, Object by, Object at) {
        AuditRun run = switch (which) {
            case "scheduled" -> at == null || at.toString().isBlank() ? audits.runNow(AuditTrigger.SCHEDULE, "schedule")
                    : audits.runScheduled(at.toString());
            case "now" -> audits.runNow(AuditTrigger.CONSULTANT, by == null || by.toString().isBlank() ? "consultant" : by.toString());
            default -> audits.carryOut(which);
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("audit", run.id());
        answer.put("status", run.status().name());
        answer.put("shopProducts", run.shopProducts());
        answer.put("khaosItems", run.khaosItems());
        Map<String, Integer> counts = new LinkedHashMap<>();
        run.countsBySeverity().forEach((severity, n) -> counts.put(severity.name(), n));
        answer.put("findings", counts);
        answer.put("failure", run.failure());
        return answer;
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be a day like 2026-12-04, was \"" + text + "\"");
        }
    }
}
