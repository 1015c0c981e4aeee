package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.stock.StockVersions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The latest Khaos figure per stock code (partition) and site (sort key), through the DynamoDB Enhanced Client, each
 * written only over an older one: KCC's StockStatus has no version, so the time the push arrived orders them. Then the
 * sequence of each code stored is bumped ({@link StockVersions}).
 */
@Singleton
public class DynamoKhaosStockLevels implements KhaosStockLevels {
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("stockCode").getter(r -> r.stockCode).setter((r, v) -> r.stockCode = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(Integer.class, a -> a.name("site").getter(r -> r.site).setter((r, v) -> r.site = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("stockId").getter(r -> r.stockId).setter((r, v) -> r.stockId = v))
            .addAttribute(BigDecimal.class, a -> a.name("available").getter(r -> r.available).setter((r, v) -> r.available = v))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(r -> r.receivedAt).setter((r, v) -> r.receivedAt = v))
            .build();
    private final DynamoDbTable<Row> levels;
    private final StockVersions versions;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosStockLevels(DynamoDbClient dynamo, TableNames tables,
                                  StockVersions versions) {
        this(dynamo, tables.stock(), versions);
    }

    public DynamoKhaosStockLevels(DynamoDbClient dynamo, String table,
                                  StockVersions versions) {
        this.levels = Attributes.table(dynamo, table, SCHEMA);
        this.versions = versions;
    }

    @Override
    public Set<String> record(List<StockLevel> levels) {
        Set<String> stored = new TreeSet<>();
        Map<String, StockLevel> last = new LinkedHashMap<>();
        levels.forEach(l -> last.put(l.stockCode() + "#" + l.site(), l));
        for (StockLevel level : last.values()) {
            Row row = new Row();
            row.stockCode = level.stockCode();
            row.site = level.site();
            row.stockId = level.stockId();
            // never an exponent (1E+2) in the stored number: a negative scale is written out in full
            row.available = level.available().scale() < 0 ? level.available().setScale(0) : level.available();
            row.receivedAt = Attributes.sortable(level.receivedAt());
            Expression olderOrAbsent = Expression.builder().expression("attribute_not_exists(stockCode) OR receivedAt < :at")
                    .expressionValues(Map.of(":at", Attributes.time(level.receivedAt()))).build();
            try {
                this.levels.putItem(r -> r.item(row).conditionExpression(olderOrAbsent));
                stored.add(level.stockCode());
            } catch (ConditionalCheckFailedException e) {
                // a later figure is already stored
            }
        }
        versions.bump(stored);
        return stored;
    }

    @Override
    public List<StockLevel> levels(String stockCode) {
        return levels.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(stockCode))).consistentRead(true))
                .items().stream().map(DynamoKhaosStockLevels::level).toList();
    }

    @Override
    public List<StockLevel> all() {
        return levels.scan().items().stream().map(DynamoKhaosStockLevels::level).toList();
    }

    private static StockLevel level(Row row) {
        return new StockLevel(row.stockCode, row.stockId, row.site, row.available,
                Attributes.instant(row.receivedAt));
    }

    /** One figure as the table keeps it ({@code receivedAt} as sortable UTC text, {@link Attributes#sortable}). */
    private static final class Row {
        String stockCode;
        Integer site;
        String stockId;
        BigDecimal available;
        String receivedAt;
    }
}
