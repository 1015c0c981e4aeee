package com.shopkhaos.infra.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.audit.AuditFinding;
import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditRuns;
import com.shopkhaos.model.audit.AuditStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit's runs ({@code AUDIT_TABLE}: {@code run}, {@code part}). A run's findings are written first, gzipped in parts
 * of at most {@value #FINDINGS_PER_PART} under {@code <run id>}/{@code findings#<n>}, then its summary under
 * {@code <run id>}/{@code summary} (naming the number of parts), then its line in the list of runs ({@code runs}/
 * {@code <started at>#<run id>}), then, for a finished run, the pointer to the last finished one ({@code pointer}/
 * {@code lastFinished}). A reader of a run goes by its summary, so a save that dies half-way leaves the run as it was
 * before; the list entry and the pointer may then lag by that one save, which the run's next save (or the next run) mends.
 * Runs hold SKUs, product names and settings, and the name of whoever asked (as the ops action log keeps who did
 * what), no customer's data; they are kept (a weekly run adds about 52 a year).
 */
@Singleton
public class DynamoAuditRuns implements AuditRuns {
    static final int FINDINGS_PER_PART = 1_000;
    private static final String SUMMARY = "summary";
    private static final String RUNS = "runs";
    private static final String POINTER = "pointer";
    private static final String LAST_FINISHED = "lastFinished";
    private static final TypeReference<List<AuditFinding>> FINDINGS = new TypeReference<>() {
    };
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoAuditRuns(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.audit());
    }

    public DynamoAuditRuns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(AuditRun run) {
        List<AuditFinding> findings = run.findings();
        int parts = 0;
        for (int i = 0; i < findings.size(); i += FINDINGS_PER_PART) {
            parts++;
            Map<String, AttributeValue> item = new HashMap<>(key(run.id(), "findings#" + String.format("%04d", parts)));
            Map.Entry<String, AttributeValue> text = LargeText.attribute("findings",
                    InfraJson.write(findings.subList(i, Math.min(findings.size(), i + FINDINGS_PER_PART))));
            item.put(text.getKey(), text.getValue());
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
        Map<String, AttributeValue> summary = summaryItem(run, key(run.id(), SUMMARY));
        summary.put("parts", AttributeValue.fromN(Integer.toString(parts)));
        dynamo.putItem(r -> r.tableName(table).item(summary));
        Map<String, AttributeValue> listed = summaryItem(run, key(RUNS, run.startedAt() + "#" + run.id()));
        dynamo.putItem(r -> r.tableName(table).item(listed));
        if (run.status() == AuditStatus.FINISHED) {
            Map<String, AttributeValue> pointer = new HashMap<>(key(POINTER, LAST_FINISHED));
            pointer.put("id", AttributeValue.fromS(run.id()));
            dynamo.putItem(r -> r.tableName(table).item(pointer));
        }
    }

    @Override
    public Optional<AuditRun> find(String id) {
        if (id.isBlank() || id.equals(RUNS) || id.equals(POINTER)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(id, SUMMARY)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AuditRun summary = read(LargeText.read(item, "summary"), new TypeReference<AuditRun>() {
        });
        int parts = Integer.parseInt(item.get("parts").n());
        List<AuditFinding> findings = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            Map<String, AttributeValue> k = key(id, "findings#" + String.format("%04d", n));
            Map<String, AttributeValue> part = dynamo.getItem(r -> r.tableName(table).key(k).consistentRead(true)).item();
            if (part == null || part.isEmpty()) {
                throw new IllegalStateException("audit run " + id + " lacks part " + n + " of its findings");
            }
            findings.addAll(read(LargeText.read(part, "findings"), FINDINGS));
        }
        return Optional.of(withFindings(summary, findings));
    }

    @Override
    public Optional<AuditRun> latest() {
        return recent(1).stream().findFirst().flatMap(r -> find(r.id()));
    }

    @Override
    public Optional<AuditRun> lastFinished() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(POINTER, LAST_FINISHED)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : find(item.get("id").s());
    }

    @Override
    public List<AuditRun> recent(int limit) {
        List<AuditRun> runs = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("#r = :r").expressionAttributeNames(Map.of("#r", "run"))
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(RUNS))).scanIndexForward(false)
                        .consistentRead(true).limit(Math.max(1, Math.min(limit, 100))))
                .items().stream().limit(limit)
                .forEach(item -> runs.add(read(LargeText.read(item, "summary"), new TypeReference<AuditRun>() {
                })));
        return runs;
    }

    private static Map<String, AttributeValue> summaryItem(AuditRun run, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        Map.Entry<String, AttributeValue> text = LargeText.attribute("summary", InfraJson.write(withFindings(run, List.of())));
        item.put(text.getKey(), text.getValue());
        item.put("status", AttributeValue.fromS(run.status().name()));
        return item;
    }

    private static AuditRun withFindings(AuditRun r, List<AuditFinding> findings) {
        return new AuditRun(r.id(), r.trigger(), r.requestedBy(), r.status(), r.startedAt(), r.finishedAt(), r.shopId(),
                r.shopProducts(), r.khaosItems(), r.failure(), findings);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return InfraJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored audit run could not be read: " + e.getOriginalMessage());
        }
    }

    private static Map<String, AttributeValue> key(String run, String part) {
        return Map.of("run", AttributeValue.fromS(run), "part", AttributeValue.fromS(part));
    }
}
