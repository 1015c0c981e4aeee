package com.shopkhaos.function.ordersync;

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
 * day's figures, never an order's personal data (a report holds none).
 */
public class ReconciliationFunctions {

    @Inject
    NightlyReconciliation reconciliation;

    @Funq("reconciliation")
    public Map<String, Object> reconcile(Map<String, Object> input) {
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

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be a day like 2026-12-04, was \"" + text + "\"");
        }
    }
}
