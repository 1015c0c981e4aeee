package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ordersync.OrderMappings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code mappings} table: partition {@code kind} ({@code SKU}, {@code COURIER}, {@code BUFFER},
 * {@code SHIPPING_METHOD}, {@code PROMOTION}), sort {@code key} (the shop's SKU, a delivery method's technical name or name, a stock code, a
 * Khaos courier), attribute {@code value}. Read at most once a
 * minute, so a fixed mapping applies to the next retry within a minute.
 */
@Singleton
public class DynamoOrderMappings implements OrderMappings {
    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    public static final String SKU = "SKU";
    public static final String COURIER = "COURIER";
    public static final String BUFFER = "BUFFER";
    public static final String SHIPPING_METHOD = "SHIPPING_METHOD";
    public static final String PROMOTION = "PROMOTION";

    private record Cached(Overrides overrides, Instant readAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private volatile Cached cached;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoOrderMappings(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this(dynamo, tables.mappings(), clock);
    }

    public DynamoOrderMappings(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Overrides current() {
        Cached now = cached;
        if (now != null && now.readAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return now.overrides();
        }
        Overrides read = new Overrides(kind(SKU), kind(COURIER), kind(BUFFER), kind(SHIPPING_METHOD), kind(PROMOTION));
        cached = new Cached(read, clock.instant());
        return read;
    }

    /** Maps a key (a person's fix); the next read after the cache expires sees it. */
    @Override
    public void put(String kind, String key, String value) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("kind", s(kind), "key", s(key), "value", s(value))));
        cached = null;
    }

    private Map<String, String> kind(String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("kind = :k")
                        .expressionAttributeValues(Map.of(":k", s(kind))).consistentRead(true))
                .items().forEach((Map<String, AttributeValue> item) -> out.put(string(item, "key"), string(item, "value")));
        return out;
    }
}
