package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ordersync.Checkpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Checkpoints, one item per name; moved only from the value the mover read (a conditional write). */
@Singleton
public class DynamoCheckpoints implements Checkpoints {
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoCheckpoints(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.checkpoints());
    }

    public DynamoCheckpoints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Instant> get(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("name", s(name)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(instant(item, "at"));
    }

    @Override
    public boolean advance(String name, Optional<Instant> expected, Instant next) {
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(Map.of("name", s(name), "at", time(next)));
                if (expected.isEmpty()) {
                    b.conditionExpression("attribute_not_exists(#n)").expressionAttributeNames(Map.of("#n", "name"));
                } else {
                    b.conditionExpression("#at = :expected").expressionAttributeNames(Map.of("#at", "at"))
                            .expressionAttributeValues(Map.of(":expected", time(expected.get())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
