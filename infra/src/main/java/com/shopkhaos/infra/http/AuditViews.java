package com.shopkhaos.infra.http;

import com.shopkhaos.model.audit.AuditFinding;
import com.shopkhaos.model.audit.AuditQuery;
import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditSeverity;
import com.shopkhaos.model.audit.FindingKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit's runs as the ops API answers them: JSON with counts and a page of findings, or every finding as CSV. */
public final class AuditViews {
    static final String CSV_HEADER = "run,severity,kind,subject,shop_value,khaos_value,suggestion,who_fixes,handbook";

    private AuditViews() {
    }

    /** A run without its findings: what the list of runs and the start answer show. */
    public static Map<String, Object> summary(AuditRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("status", run.status().name());
        json.put("trigger", run.trigger().name());
        json.put("requestedBy", run.requestedBy());
        json.put("startedAt", run.startedAt().toString());
        json.put("finishedAt", run.finishedAt().map(Object::toString).orElse(null));
        json.put("shopId", run.shopId());
        json.put("shopProducts", run.shopProducts());
        json.put("khaosItems", run.khaosItems());
        json.put("failure", run.failure());
        return json;
    }

    /** A run with its counts per severity and kind, and the findings the query asked for (a page of them). */
    public static Map<String, Object> run(AuditRun run, AuditQuery query) {
        Map<String, Object> json = summary(run);
        Map<String, Integer> severities = new LinkedHashMap<>();
        run.countsBySeverity().forEach((s, n) -> severities.put(s.name(), n));
        json.put("countsBySeverity", severities);
        Map<FindingKind, Integer> byKind = run.countsByKind();
        json.put("kinds", Arrays.stream(FindingKind.values()).map(k -> {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", k.name());
            kind.put("severity", k.severity().name());
            kind.put("title", k.title());
            kind.put("fix", k.fix());
            kind.put("handbook", k.handbookAnchor());
            kind.put("count", byKind.getOrDefault(k, 0));
            return kind;
        }).toList());
        List<AuditFinding> matching = run.findings().stream().filter(query::matches).toList();
        json.put("findings", query.page(matching).stream().map(AuditViews::finding).toList());
        json.put("total", matching.size());
        json.put("page", query.page());
        json.put("size", query.size());
        return json;
    }

    static Map<String, Object> finding(AuditFinding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", f.severity().name());
        json.put("kind", f.kind().name());
        json.put("subject", f.subject());
        json.put("shopValue", f.shopValue());
        json.put("khaosValue", f.khaosValue());
        json.put("suggestion", f.suggestion());
        json.put("fix", f.kind().fix());
        json.put("handbook", f.kind().handbookAnchor());
        return json;
    }

    /** Every finding of the run as CSV (UTF-8, RFC 4180 quoting, a header row), most severe first. */
    public static byte[] csv(AuditRun run) {
        StringBuilder out = new StringBuilder(run.findings().size() * 200 + 128).append(CSV_HEADER).append("\r\n");
        for (AuditFinding f : run.findings()) {
            List<String> cells = List.of(run.id(), f.severity().name().toLowerCase(Locale.ROOT), f.kind().name(), f.subject(),
                    f.shopValue(), f.khaosValue(), f.suggestion(), f.kind().fix(), f.kind().handbookAnchor());
            for (int i = 0; i < cells.size(); i++) {
                out.append(i == 0 ? "" : ",").append(ReconciliationViews.cell(cells.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> severities() {
        return Arrays.stream(AuditSeverity.values()).map(Enum::name).toList();
    }
}
