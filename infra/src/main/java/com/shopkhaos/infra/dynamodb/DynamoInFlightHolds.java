package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.InFlightHolds;
import com.shopkhaos.model.stock.StockVersions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * In-flight holds: partition = stock code, sort = order id (a code's total is one query); index {@code by-order} finds
 * an order's holds. Every write is a single-item write; whether a hold's stock change was sent is the order ledger's
 * record ({@code heldStock}), not the hold's (an item of an older release may still carry {@code changePending},
 * which nothing reads). The codes' sequences ({@link DynamoStockVersions}) are items of this table too, and are no holds.
 *
 * <p>When Khaos has an order, its import mark is kept on the code's sequence item ({@code importedAt#<orderId>}), not
 * on the hold, so the mark and the sequence's count up are one write per code (what a transaction would give, with
 * what dynalite offers). A code's holds are read with its sequence item in the same query. Marks whose holds are gone
 * (forgotten once Khaos's figures caught up) are removed when a read of the code finds {@value #LEFT_OVER_MARKS_REMOVED_AT}
 * of them; a mark an item of an older release carries on the hold itself is read as before.
 */
@Singleton
public class DynamoInFlightHolds implements InFlightHolds {
    /** An import mark on a code's sequence item: this prefix and the order id. */
    static final String MARK = "importedAt#";
    /**
     * Marks whose holds are gone are removed together once there are this many on a code (about 1.4 KB): one write
     * per that many forgotten holds, not one each.
     */
    static final int LEFT_OVER_MARKS_REMOVED_AT = 20;
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

    /** The mark alone (the sequence is not counted up): one write on the code's sequence item. */
    @Override
    public void imported(String stockCode, String orderId, Instant at) {
        mark(stockCode, orderId, at, 0);
    }

    /** One write per code: the mark and the count up together, when the sequences are this table's. */
    @Override
    public void imported(Collection<String> stockCodes, String orderId, Instant at, StockVersions versions) {
        if (!(versions instanceof DynamoStockVersions sequences) || !sequences.table().equals(table)) {
            InFlightHolds.super.imported(stockCodes, orderId, at, versions);
            return;
        }
        new TreeSet<>(stockCodes).forEach(code -> mark(code, orderId, at, 1));
    }

    private void mark(String stockCode, String orderId, Instant at, int countUp) {
        dynamo.updateItem(b -> b.tableName(table).key(DynamoStockVersions.key(stockCode))
                .updateExpression("SET #m = if_not_exists(#m, :at) ADD seq :up")
                .expressionAttributeNames(Map.of("#m", MARK + orderId))
                .expressionAttributeValues(Map.of(":at", time(at), ":up", AttributeValue.fromN(Integer.toString(countUp)))));
    }

    @Override
    public void forget(String stockCode, String orderId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(stockCode, orderId)));
    }

    @Override
    public List<InFlightHold> holds(String stockCode) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("stockCode = :c")
                .expressionAttributeValues(Map.of(":c", s(stockCode))).consistentRead(true)).items().forEach(items::add);
        List<InFlightHold> holds = withMarks(items);
        Set<String> leftOver = new TreeSet<>(marks(items).keySet());
        holds.forEach(h -> leftOver.remove(h.orderId()));
        if (leftOver.size() >= LEFT_OVER_MARKS_REMOVED_AT) {
            removeMarks(stockCode, leftOver);
        }
        return holds;
    }

    @Override
    public List<InFlightHold> all() {
        Map<String, List<Map<String, AttributeValue>>> byCode = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items()
                .forEach(i -> byCode.computeIfAbsent(string(i, "stockCode"), c -> new ArrayList<>()).add(i));
        return byCode.values().stream().flatMap(items -> withMarks(items).stream()).toList();
    }

    /** The holds among one code's items, each with its import mark from the code's sequence item. */
    private static List<InFlightHold> withMarks(List<Map<String, AttributeValue>> items) {
        Map<String, Instant> marks = marks(items);
        return items.stream().filter(i -> !DynamoStockVersions.isSequence(i)).map(DynamoInFlightHolds::hold)
                .map(h -> h.importedAt() != null || !marks.containsKey(h.orderId()) ? h
                        : new InFlightHold(h.stockCode(), h.orderId(), h.orderNumber(), h.quantity(), h.heldAt(), marks.get(h.orderId())))
                .toList();
    }

    /** Order id → import mark, from the code's sequence item among its items. */
    private static Map<String, Instant> marks(List<Map<String, AttributeValue>> items) {
        Map<String, Instant> marks = new HashMap<>();
        items.stream().filter(DynamoStockVersions::isSequence).forEach(item -> item.forEach((name, value) -> {
            if (name.startsWith(MARK)) {
                marks.put(name.substring(MARK.length()), instant(item, name));
            }
        }));
        return marks;
    }

    /** Removes the marks of holds that are gone (no count up: without their holds they changed no figure). */
    private void removeMarks(String stockCode, Set<String> orderIds) {
        List<String> names = new ArrayList<>(orderIds).subList(0, Math.min(orderIds.size(), 100));
        Map<String, String> placeholders = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            placeholders.put("#m" + i, MARK + names.get(i));
        }
        dynamo.updateItem(b -> b.tableName(table).key(DynamoStockVersions.key(stockCode))
                .updateExpression("REMOVE " + String.join(", ", new TreeSet<>(placeholders.keySet())))
                .expressionAttributeNames(placeholders));
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
