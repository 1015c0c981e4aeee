package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ordersync.Checkpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Checkpoints, one item per name ({@code name}, {@code at} as sortable time), through the DynamoDB Enhanced Client; moved
 * only from the value the mover read (a conditional write).
 */
@Singleton
public class DynamoCheckpoints implements Checkpoints {
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("name").getter(r -> r.name).setter((r, v) -> r.name = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("at").getter(r -> r.at).setter((r, v) -> r.at = v))
            .build();
    private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(#n)")
            .expressionNames(Map.of("#n", "name")).build();
    private final DynamoDbTable<Row> checkpoints;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoCheckpoints(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.checkpoints());
    }

    public DynamoCheckpoints(DynamoDbClient dynamo, String table) {
        this.checkpoints = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public Optional<Instant> get(String name) {
        return Optional.ofNullable(checkpoints.getItem(r -> r.key(k -> k.partitionValue(name)).consistentRead(true)))
                .map(row -> row.at).map(Instant::parse);
    }

    @Override
    public boolean advance(String name, Optional<Instant> expected, Instant next) {
        Row row = new Row();
        row.name = name;
        row.at = Attributes.sortable(next);
        Expression condition = expected.map(e -> Expression.builder().expression("#at = :expected")
                .expressionNames(Map.of("#at", "at")).expressionValues(Map.of(":expected", Attributes.time(e))).build())
                .orElse(ABSENT);
        try {
            checkpoints.putItem(r -> r.item(row).conditionExpression(condition));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One checkpoint as the table keeps it. */
    private static final class Row {
        String name;
        /** Sortable UTC time text ({@link Attributes#sortable}). */
        String at;
    }
}
