package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The latest Khaos figure per stock code (partition) and site (sort key), each written only over an older
 * one: KCC's StockStatus has no version, so the time the push arrived orders them.
 */
@Singleton
public class DynamoKhaosStockLevels implements KhaosStockLevels {
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoKhaosStockLevels(DynamoDbClient dynamo, @ConfigProperty(name = "shopkhaos.stock-table") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(List<StockLevel> levels) {
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
            } catch (ConditionalCheckFailedException e) {
                // a later figure is already stored
            }
        }
    }

    @Override
    public List<StockLevel> levels(String stockCode) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("stockCode = :c")
                        .expressionAttributeValues(Map.of(":c", s(stockCode))).consistentRead(true))
                .items().stream().map(i -> new StockLevel(string(i, "stockCode"), string(i, "stockId"),
                        Integer.parseInt(i.get("site").n()), new BigDecimal(i.get("available").n()), instant(i, "receivedAt")))
                .toList();
    }
}
