package com.shopkhaos.infra.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import com.shopkhaos.model.reconciliation.ReconciliationReports;
import com.shopkhaos.model.reconciliation.ReconciliationSummary;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The nights' reports ({@code RECONCILIATION_TABLE}: {@code day}, {@code part}). A run writes its lines first, in parts of
 * at most {@value #LINES_PER_PART} lines gzipped under {@code run#<run id>#<n>}, and only then the day's {@code summary}
 * item, which names the run and its number of parts: a run that dies half-way leaves the day's earlier report readable
 * (its summary still names the earlier run), never a mixture. The earlier run's parts are deleted after the new summary
 * is written (a failure there leaves unread parts, nothing wrong).
 */
@Singleton
public class DynamoReconciliationReports implements ReconciliationReports {
    static final int LINES_PER_PART = 1_000;
    static final String SUMMARY = "summary";
    private static final TypeReference<List<ReconciliationLine>> LINES = new TypeReference<>() {
    };
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoReconciliationReports(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.reconciliation());
    }

    public DynamoReconciliationReports(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(ReconciliationReport report) {
        String day = report.day().toString();
        Optional<Map<String, AttributeValue>> earlier = summaryItem(day);
        String run = UUID.randomUUID().toString();
        List<ReconciliationLine> lines = report.lines();
        int parts = 0;
        for (int i = 0; i < lines.size(); i += LINES_PER_PART) {
            parts++;
            Map<String, AttributeValue> item = new HashMap<>(key(day, part(run, parts)));
            Map.Entry<String, AttributeValue> text = LargeText.attribute("lines",
                    InfraJson.write(lines.subList(i, Math.min(lines.size(), i + LINES_PER_PART))));
            item.put(text.getKey(), text.getValue());
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
        Map<String, AttributeValue> summary = new HashMap<>(key(day, SUMMARY));
        summary.put("run", AttributeValue.fromS(run));
        summary.put("parts", AttributeValue.fromN(Integer.toString(parts)));
        summary.put("generatedAt", AttributeValue.fromS(report.generatedAt().toString()));
        summary.put("changesFrom", AttributeValue.fromS(report.changesFrom().toString()));
        Map.Entry<String, AttributeValue> text = LargeText.attribute("summary", InfraJson.write(report.summary()));
        summary.put(text.getKey(), text.getValue());
        dynamo.putItem(r -> r.tableName(table).item(summary));
        earlier.ifPresent(old -> {
            String oldRun = old.get("run").s();
            int oldParts = Integer.parseInt(old.get("parts").n());
            for (int n = 1; n <= oldParts; n++) {
                Map<String, AttributeValue> k = key(day, part(oldRun, n));
                dynamo.deleteItem(r -> r.tableName(table).key(k));
            }
        });
    }

    @Override
    public Optional<ReconciliationReport> find(LocalDate date) {
        String day = date.toString();
        Optional<Map<String, AttributeValue>> summary = summaryItem(day);
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        String run = summary.get().get("run").s();
        int parts = Integer.parseInt(summary.get().get("parts").n());
        List<ReconciliationLine> lines = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            Map<String, AttributeValue> k = key(day, part(run, n));
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(k).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("the reconciliation report of " + day + " lacks part " + n + " of run " + run);
            }
            lines.addAll(read(LargeText.read(item, "lines"), LINES));
        }
        Map<String, AttributeValue> s = summary.get();
        return Optional.of(new ReconciliationReport(date, Instant.parse(s.get("generatedAt").s()),
                Instant.parse(s.get("changesFrom").s()), summary(s), lines));
    }

    @Override
    public List<ReconciliationSummary> summaries(LocalDate from, LocalDate to) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            keys.add(key(d.toString(), SUMMARY));
        }
        List<ReconciliationSummary> found = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true).build());
            DynamoBatches.getAll(dynamo, request, DynamoBatches.SLEEP).getOrDefault(table, List.of())
                    .forEach(item -> found.add(summary(item)));
        }
        found.sort((a, b) -> b.day().compareTo(a.day()));
        return found;
    }

    private Optional<Map<String, AttributeValue>> summaryItem(String day) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(day, SUMMARY)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static ReconciliationSummary summary(Map<String, AttributeValue> item) {
        return read(LargeText.read(item, "summary"), new TypeReference<ReconciliationSummary>() {
        });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return InfraJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored reconciliation report could not be read: " + e.getOriginalMessage());
        }
    }

    private static String part(String run, int n) {
        return "run#" + run + "#" + String.format("%04d", n);
    }

    private static Map<String, AttributeValue> key(String day, String part) {
        return Map.of("day", AttributeValue.fromS(day), "part", AttributeValue.fromS(part));
    }
}
