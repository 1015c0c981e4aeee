package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.StockVersions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

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

    /** One consistent batch read per 100 codes (a code never bumped has no item: 0). */
    @Override
    public Map<String, Long> current(Collection<String> stockCodes) {
        Map<String, Long> now = new HashMap<>();
        List<String> codes = new ArrayList<>(new TreeSet<>(stockCodes));
        codes.forEach(code -> now.put(code, 0L));
        for (int i = 0; i < codes.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = codes.subList(i, Math.min(codes.size(), i + 100)).stream()
                    .map(DynamoStockVersions::key).toList();
            DynamoBatches.getAll(dynamo, Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()),
                            DynamoBatches.SLEEP).getOrDefault(table, List.of())
                    .forEach(item -> now.put(string(item, "stockCode"), Long.parseLong(item.get("seq").n())));
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
