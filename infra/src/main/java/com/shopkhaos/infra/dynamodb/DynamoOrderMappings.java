package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.ordersync.OrderMappings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code mappings} table: partition {@code kind} ({@code SKU}, {@code COURIER}, {@code BUFFER},
 * {@code SHIPPING_METHOD}, {@code PROMOTION}), sort {@code key} (the shop's SKU, a delivery method's technical name or name, a stock code, a
 * Khaos courier), attribute {@code value}, through the DynamoDB Enhanced Client. Read at most once a
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
    public static final String RETURN_REASON = "RETURN_REASON";

    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("kind").getter(r -> r.kind).setter((r, v) -> r.kind = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("key").getter(r -> r.key).setter((r, v) -> r.key = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("value").getter(r -> r.value).setter((r, v) -> r.value = v))
            .build();

    private record Cached(Overrides overrides, Instant readAt) {
    }

    private final DynamoDbTable<Row> mappings;
    private final Clock clock;
    private volatile Cached cached;
    /** How many puts this instance made: a read overtaken by one is not cached. */
    private final java.util.concurrent.atomic.AtomicLong puts = new java.util.concurrent.atomic.AtomicLong();

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoOrderMappings(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this(dynamo, tables.mappings(), clock);
    }

    public DynamoOrderMappings(DynamoDbClient dynamo, String table, Clock clock) {
        this.mappings = Attributes.table(dynamo, table, SCHEMA);
        this.clock = clock;
    }

    @Override
    public Overrides current() {
        Cached now = cached;
        if (now != null && now.readAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return now.overrides();
        }
        long generation = puts.get();
        Overrides read = fresh();
        // a read that began before a put ends after it: keeping it would hide the put for a minute
        if (puts.get() == generation) {
            cached = new Cached(read, clock.instant());
        }
        return read;
    }

    @Override
    public Overrides fresh() {
        return new Overrides(kind(SKU), kind(COURIER), kind(BUFFER), kind(SHIPPING_METHOD), kind(PROMOTION), kind(RETURN_REASON));
    }

    /** Maps a key (a person's fix); the next read after the cache expires sees it. */
    @Override
    public void put(String kind, String key, String value) {
        Row row = new Row();
        row.kind = kind;
        row.key = key;
        row.value = value;
        mappings.putItem(row);
        puts.incrementAndGet();
        cached = null;
    }

    private Map<String, String> kind(String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        mappings.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(kind))).consistentRead(true))
                .items().forEach(row -> out.put(row.key, row.value));
        return out;
    }

    /** One mapping as the table keeps it. */
    private static final class Row {
        String kind;
        String key;
        String value;
    }
}
