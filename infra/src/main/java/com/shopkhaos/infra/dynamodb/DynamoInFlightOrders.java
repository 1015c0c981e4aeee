package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockVersions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * In-flight holds: partition = stock code, sort = order id (a code's total is one query); index
 * {@code by-order} finds an order's holds. Every write is a single-item conditional write; every change bumps the
 * sequence of the codes it touched ({@link DynamoStockVersions}, items of this table too) after its writes, also when
 * a redelivery finds the writes done (the first try may have failed before its bump).
 */
@Singleton
public class DynamoInFlightOrders implements InFlightOrders {
    private final DynamoDbClient dynamo;
    private final String table;
    private final StockVersions versions;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoInFlightOrders(DynamoDbClient dynamo, TableNames tables,
                                StockVersions versions) {
        this(dynamo, tables.inFlight(), versions);
    }

    public DynamoInFlightOrders(DynamoDbClient dynamo, String table,
                                StockVersions versions) {
        this.dynamo = dynamo;
        this.table = table;
        this.versions = versions;
    }

    @Override
    public Set<String> hold(String orderId, String orderNumber, Map<String, Integer> quantityByStockCode, Instant at) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, Integer> e : quantityByStockCode.entrySet()) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("stockCode", s(e.getKey()));
            item.put("orderId", s(orderId));
            item.put("orderNumber", s(orderNumber == null || orderNumber.isEmpty() ? "-" : orderNumber));
            item.put("quantity", AttributeValue.fromN(Integer.toString(e.getValue())));
            item.put("heldAt", time(at));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(stockCode) OR quantity <> :q")
                        .expressionAttributeValues(Map.of(":q", AttributeValue.fromN(Integer.toString(e.getValue())))));
                changed.add(e.getKey());
            } catch (ConditionalCheckFailedException unchanged) {
                // held already, the same
            }
        }
        Set<String> touched = new TreeSet<>(quantityByStockCode.keySet());
        for (String code : codesOf(orderId)) {
            if (!quantityByStockCode.containsKey(code)) {
                forget(code, orderId);
                changed.add(code);
                touched.add(code);
            }
        }
        versions.bump(touched);
        return changed;
    }

    @Override
    public Set<String> release(String orderId) {
        Set<String> codes = codesOf(orderId);
        codes.forEach(code -> forget(code, orderId));
        versions.bump(codes);
        return codes;
    }

    @Override
    public Set<String> imported(String orderId, Instant at) {
        Set<String> codes = codesOf(orderId);
        for (String code : codes) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(code, orderId))
                        .updateExpression("SET importedAt = if_not_exists(importedAt, :at)")
                        .conditionExpression("attribute_exists(stockCode)")
                        .expressionAttributeValues(Map.of(":at", time(at))));
            } catch (ConditionalCheckFailedException gone) {
                // forgotten meanwhile
            }
        }
        versions.bump(codes);
        return codes;
    }

    @Override
    public void forget(String stockCode, String orderId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(stockCode, orderId)));
    }

    @Override
    public List<InFlightHold> holds(String stockCode) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("stockCode = :c")
                .expressionAttributeValues(Map.of(":c", s(stockCode))).consistentRead(true))
                .items().stream().filter(i -> !DynamoStockVersions.isSequence(i)).map(DynamoInFlightOrders::hold).toList();
    }

    @Override
    public List<InFlightHold> all() {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().filter(i -> !DynamoStockVersions.isSequence(i))
                .map(DynamoInFlightOrders::hold).toList();
    }

    private Set<String> codesOf(String orderId) {
        Set<String> codes = new TreeSet<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName("by-order").keyConditionExpression("orderId = :o")
                .expressionAttributeValues(Map.of(":o", s(orderId)))).items().forEach(i -> codes.add(string(i, "stockCode")));
        return codes;
    }

    private static Map<String, AttributeValue> key(String code, String orderId) {
        return Map.of("stockCode", s(code), "orderId", s(orderId));
    }

    private static InFlightHold hold(Map<String, AttributeValue> i) {
        return new InFlightHold(string(i, "stockCode"), string(i, "orderId"), stringOrEmpty(i, "orderNumber"),
                Integer.parseInt(i.get("quantity").n()), instant(i, "heldAt"), instant(i, "importedAt"));
    }
}
