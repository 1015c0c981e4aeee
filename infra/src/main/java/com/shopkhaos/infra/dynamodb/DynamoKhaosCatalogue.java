package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.putIfPresent;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The Khaos catalogue in DynamoDB: one item per stock id (stable), found by stock code through the
 * {@code by-stock-code} index. Written in batches of 25; a deleted item is kept, marked deleted.
 */
@Singleton
public class DynamoKhaosCatalogue implements KhaosCatalogue {
    static final int BATCH = 25;
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosCatalogue(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosCatalogue());
    }

    public DynamoKhaosCatalogue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void apply(CatalogueChange change, Instant at) {
        List<WriteRequest> writes = new ArrayList<>();
        change.items().forEach(i -> writes.add(put(toItem(i))));
        for (String stockId : change.deletedStockIds()) {
            CatalogueItem known = byStockId(stockId)
                    .orElse(new CatalogueItem(stockId, "", "", "", "", Optional.empty(), false, false, false, false, false,
                            false, at));
            writes.add(put(toItem(known.asDeleted(at))));
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            write(writes.subList(from, Math.min(writes.size(), from + BATCH)));
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private void write(List<WriteRequest> batch) {
        DynamoBatches.writeAll(dynamo, Map.of(table, batch), DynamoBatches.SLEEP);
    }

    @Override
    public Optional<CatalogueItem> byStockId(String stockId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("stockId", s(stockId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Optional<CatalogueItem> byStockCode(String stockCode) {
        return dynamo.query(b -> b.tableName(table).indexName("by-stock-code").keyConditionExpression("stockCode = :code")
                        .expressionAttributeValues(Map.of(":code", s(stockCode))))
                .items().stream().map(DynamoKhaosCatalogue::fromItem)
                .max(Comparator.comparing((CatalogueItem i) -> !i.deleted()).thenComparing(CatalogueItem::updatedAt));
    }

    @Override
    public List<CatalogueItem> page(String afterStockId, int limit) {
        return dynamo.scan(b -> {
            b.tableName(table).limit(limit);
            if (afterStockId != null && !afterStockId.isEmpty()) {
                b.exclusiveStartKey(Map.of("stockId", s(afterStockId)));
            }
        }).items().stream().map(DynamoKhaosCatalogue::fromItem).toList();
    }

    static Map<String, AttributeValue> toItem(CatalogueItem i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("stockId", s(i.stockId()));
        putIfPresent(item, "stockCode", i.stockCode());
        putIfPresent(item, "description", i.description());
        putIfPresent(item, "otherRef", i.otherRef());
        putIfPresent(item, "taxRateCode", i.taxRateCode());
        i.taxRatePercent().ifPresent(p -> item.put("taxRatePercent", AttributeValue.fromN(p.toPlainString())));
        item.put("discontinued", AttributeValue.fromBool(i.discontinued()));
        item.put("runToZero", AttributeValue.fromBool(i.runToZero()));
        item.put("stockControlled", AttributeValue.fromBool(i.stockControlled()));
        item.put("publishOnWeb", AttributeValue.fromBool(i.publishOnWeb()));
        item.put("nonPhysical", AttributeValue.fromBool(i.nonPhysical()));
        item.put("deleted", AttributeValue.fromBool(i.deleted()));
        item.put("updatedAt", time(i.updatedAt()));
        return item;
    }

    static CatalogueItem fromItem(Map<String, AttributeValue> item) {
        AttributeValue percent = item.get("taxRatePercent");
        return new CatalogueItem(string(item, "stockId"), stringOrEmpty(item, "stockCode"), stringOrEmpty(item, "description"),
                stringOrEmpty(item, "otherRef"), stringOrEmpty(item, "taxRateCode"),
                percent == null ? Optional.empty() : Optional.of(new BigDecimal(percent.n())),
                bool(item, "discontinued"), bool(item, "runToZero"), bool(item, "stockControlled"), bool(item, "publishOnWeb"),
                bool(item, "nonPhysical"), bool(item, "deleted"), instant(item, "updatedAt"));
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
