package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.StockVersions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each stock code's input sequence: one item per code in the in-flight table (partition = the code, sort key
 * {@code #seq#<code>}, so each sits in its own partition of the by-order index too), counted up with an atomic ADD.
 */
@Singleton
public class DynamoStockVersions implements StockVersions {
    static final String PREFIX = "#seq#";
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoStockVersions(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.inFlight());
    }

    public DynamoStockVersions(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Whether an in-flight item is a code's sequence rather than a hold. */
    static boolean isSequence(Map<String, AttributeValue> item) {
        return string(item, "orderId").startsWith(PREFIX);
    }

    @Override
    public void bump(Collection<String> stockCodes) {
        for (String code : new TreeSet<>(stockCodes)) {
            dynamo.updateItem(b -> b.tableName(table).key(key(code)).updateExpression("ADD seq :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        }
    }

    @Override
    public Map<String, Long> current(Collection<String> stockCodes) {
        Map<String, Long> now = new HashMap<>();
        for (String code : new TreeSet<>(stockCodes)) {
            var items = dynamo.query(b -> b.tableName(table).keyConditionExpression("stockCode = :c AND orderId = :o")
                    .expressionAttributeValues(Map.of(":c", s(code), ":o", s(PREFIX + code))).consistentRead(true)).items();
            now.put(code, items.isEmpty() ? 0L : Long.parseLong(items.get(0).get("seq").n()));
        }
        return now;
    }

    @Override
    public Map<String, Long> all() {
        Map<String, Long> all = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true).filterExpression("begins_with(orderId, :p)")
                        .expressionAttributeValues(Map.of(":p", s(PREFIX))))
                .items().forEach(i -> all.put(string(i, "stockCode"), Long.parseLong(i.get("seq").n())));
        return all;
    }

    private static Map<String, AttributeValue> key(String code) {
        return Map.of("stockCode", s(code), "orderId", s(PREFIX + code));
    }
}
