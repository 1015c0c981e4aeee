package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The latest Khaos figure per stock code (partition) and site (sort key), each written only over an older
 * one: KCC's StockStatus has no version, so the time the push arrived orders them. Then the sequence of each code
 * stored is bumped ({@link StockVersions}).
 */
@Singleton
public class DynamoKhaosStockLevels implements KhaosStockLevels {
    private final DynamoDbClient dynamo;
    private final String table;
    private final StockVersions versions;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosStockLevels(DynamoDbClient dynamo, TableNames tables,
                                  StockVersions versions) {
        this(dynamo, tables.stock(), versions);
    }

    public DynamoKhaosStockLevels(DynamoDbClient dynamo, String table,
                                  StockVersions versions) {
        this.dynamo = dynamo;
        this.table = table;
        this.versions = versions;
    }

    @Override
    public Set<String> record(List<StockLevel> levels) {
        Set<String> stored = new TreeSet<>();
        Map<String, StockLevel> last = new LinkedHashMap<>();
        levels.forEach(l -> last.put(l.stockCode() + "#" + l.site(), l));
        for (StockLevel level : last.values()) {
            Map<String, AttributeValue> item = Map.of("stockCode", s(level.stockCode()),
                    "site", AttributeValue.fromN(Integer.toString(level.site())), "stockId", s(level.stockId()),
                    "available", AttributeValue.fromN(level.available().toPlainString()), "receivedAt", time(level.receivedAt()));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(stockCode) OR receivedAt < :at")
                        .expressionAttributeValues(Map.of(":at", time(level.receivedAt()))));
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
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("stockCode = :c")
                        .expressionAttributeValues(Map.of(":c", s(stockCode))).consistentRead(true))
                .items().stream().map(DynamoKhaosStockLevels::level).toList();
    }

    @Override
    public List<StockLevel> all() {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().map(DynamoKhaosStockLevels::level).toList();
    }

    private static StockLevel level(Map<String, AttributeValue> i) {
        return new StockLevel(string(i, "stockCode"), string(i, "stockId"), Integer.parseInt(i.get("site").n()),
                new BigDecimal(i.get("available").n()), instant(i, "receivedAt"));
    }
}
