package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.sortable;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ops.OpsAction;
import com.shopkhaos.model.ops.OpsActionLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code ops-actions} table: partition {@code subject}, sort {@code at#<random>} (so two actions in one millisecond both stay). */
@Singleton
public class DynamoOpsActionLog implements OpsActionLog {
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoOpsActionLog(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.opsActions());
    }

    public DynamoOpsActionLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(OpsAction action) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("subject", s(action.subject()));
        item.put("at", s(sortable(action.at()) + "#" + UUID.randomUUID().toString().substring(0, 8)));
        item.put("action", s(action.action()));
        item.put("by", s(action.by()));
        item.put("doneAt", Attributes.time(action.at()));
        if (!action.note().isEmpty()) {
            item.put("note", s(action.note()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<OpsAction> forSubject(String subject) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("subject = :s")
                        .expressionAttributeValues(Map.of(":s", s(subject))).consistentRead(true))
                .items().stream().map(i -> new OpsAction(string(i, "subject"), string(i, "action"), string(i, "by"),
                        stringOrEmpty(i, "note"), instant(i, "doneAt"))).toList();
    }
}
