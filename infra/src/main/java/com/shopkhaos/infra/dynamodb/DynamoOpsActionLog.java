package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ops.OpsAction;
import com.shopkhaos.model.ops.OpsActionLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code ops-actions} table through the DynamoDB Enhanced Client: partition {@code subject}, sort {@code at#<random>}
 * (so two actions in one millisecond both stay), then {@code action}, {@code by}, {@code doneAt} and {@code note} (absent
 * when empty).
 */
@Singleton
public class DynamoOpsActionLog implements OpsActionLog {
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("subject").getter(r -> r.subject).setter((r, v) -> r.subject = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("at").getter(r -> r.at).setter((r, v) -> r.at = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("action").getter(r -> r.action).setter((r, v) -> r.action = v))
            .addAttribute(String.class, a -> a.name("by").getter(r -> r.by).setter((r, v) -> r.by = v))
            .addAttribute(String.class, a -> a.name("doneAt").getter(r -> r.doneAt).setter((r, v) -> r.doneAt = v))
            .addAttribute(String.class, a -> a.name("note").getter(r -> r.note).setter((r, v) -> r.note = v))
            .build();
    private final DynamoDbTable<Row> actions;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoOpsActionLog(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.opsActions());
    }

    public DynamoOpsActionLog(DynamoDbClient dynamo, String table) {
        this.actions = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public void record(OpsAction action) {
        Row row = new Row();
        row.subject = action.subject();
        row.at = Attributes.sortable(action.at()) + "#" + UUID.randomUUID().toString().substring(0, 8);
        row.action = action.action();
        row.by = action.by();
        row.doneAt = Attributes.sortable(action.at());
        row.note = action.note().isEmpty() ? null : action.note();
        actions.putItem(row);
    }

    @Override
    public List<OpsAction> forSubject(String subject) {
        return actions.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(subject))).consistentRead(true))
                .items().stream()
                .map(r -> new OpsAction(r.subject, r.action, r.by, r.note == null ? "" : r.note,
                        Attributes.instant(r.doneAt)))
                .toList();
    }

    /** One action as the table keeps it. */
    private static final class Row {
        String subject;
        String at;
        String action;
        String by;
        /** Sortable UTC time text ({@link Attributes#sortable}). */
        String doneAt;
        String note;
    }
}
