package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.InFlightHolds;
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
 * In-flight holds: partition = stock code, sort = order id (a code's total is one query); index {@code by-order} finds
 * an order's holds. Every write is a single-item write; whether a hold's stock change was sent is the order ledger's
 * record ({@code heldStock}), not the hold's (an item of an older release may still carry {@code changePending},
 * which nothing reads). The codes' sequences ({@link DynamoStockVersions}) are items of this table too, and are no holds.
 */
@Singleton
public class DynamoInFlightHolds implements InFlightHolds {
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoInFlightHolds(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.inFlight());
    }

    public DynamoInFlightHolds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Set<String> codesOf(String orderId) {
        Set<String> codes = new TreeSet<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName("by-order").keyConditionExpression("orderId = :o")
                .expressionAttributeValues(Map.of(":o", s(orderId)))).items().forEach(i -> codes.add(string(i, "stockCode")));
        return codes;
    }

    /**
     * One update, not a put: a hold written again (a redelivery that lost its ledger write, after Khaos reported the
     * order) keeps the import mark already recorded, so it never counts again once Khaos has the order.
     */
    @Override
    public void store(InFlightHold hold) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":n", s(hold.orderNumber().isEmpty() ? "-" : hold.orderNumber()));
        values.put(":q", quantity(hold.quantity()));
        values.put(":h", time(hold.heldAt()));
        String set = "SET orderNumber = :n, quantity = :q, heldAt = :h";
        if (hold.importedAt() != null) {
            values.put(":i", time(hold.importedAt()));
            set += ", importedAt = if_not_exists(importedAt, :i)";
        }
        String expression = set;
        dynamo.updateItem(b -> b.tableName(table).key(key(hold.stockCode(), hold.orderId())).updateExpression(expression)
                .expressionAttributeValues(values));
    }

    @Override
    public void imported(String stockCode, String orderId, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(stockCode, orderId))
                    .updateExpression("SET importedAt = if_not_exists(importedAt, :at)")
                    .conditionExpression("attribute_exists(stockCode)")
                    .expressionAttributeValues(Map.of(":at", time(at))));
        } catch (ConditionalCheckFailedException gone) {
            // forgotten meanwhile
        }
    }

    @Override
    public void forget(String stockCode, String orderId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(stockCode, orderId)));
    }

    @Override
    public List<InFlightHold> holds(String stockCode) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("stockCode = :c")
                .expressionAttributeValues(Map.of(":c", s(stockCode))).consistentRead(true))
                .items().stream().filter(i -> !DynamoStockVersions.isSequence(i)).map(DynamoInFlightHolds::hold).toList();
    }

    @Override
    public List<InFlightHold> all() {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().filter(i -> !DynamoStockVersions.isSequence(i))
                .map(DynamoInFlightHolds::hold).toList();
    }

    private static AttributeValue quantity(int quantity) {
        return AttributeValue.fromN(Integer.toString(quantity));
    }

    private static Map<String, AttributeValue> key(String code, String orderId) {
        return Map.of("stockCode", s(code), "orderId", s(orderId));
    }

    private static InFlightHold hold(Map<String, AttributeValue> i) {
        return new InFlightHold(string(i, "stockCode"), string(i, "orderId"), stringOrEmpty(i, "orderNumber"),
                Integer.parseInt(i.get("quantity").n()), instant(i, "heldAt"), instant(i, "importedAt"));
    }
}
