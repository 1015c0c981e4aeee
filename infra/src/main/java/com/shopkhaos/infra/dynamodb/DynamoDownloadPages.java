package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.time;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.DownloadPages;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Served OrderDownload pages, one item each (the order ids as a list), kept 30 days (TTL), mapped by the DynamoDB
 * Enhanced Client. The acknowledgement is the one write left on the plain client: "set it if it is not set yet" is an
 * update expression ({@code if_not_exists}), which the Enhanced Client's whole-attribute update cannot say.
 */
@Singleton
public class DynamoDownloadPages implements DownloadPages {
    static final Duration KEEP = Duration.ofDays(30);
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("pageId").getter(r -> r.pageId).setter((r, v) -> r.pageId = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("servedAt").getter(r -> r.servedAt).setter((r, v) -> r.servedAt = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("orderIds").getter(r -> r.orderIds)
                    .setter((r, v) -> r.orderIds = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .addAttribute(String.class, a -> a.name("acknowledgedAt").getter(r -> r.acknowledgedAt)
                    .setter((r, v) -> r.acknowledgedAt = v))
            .build();
    private static final Expression NEW_PAGE = Expression.builder().expression("attribute_not_exists(pageId)").build();
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbTable<Row> pages;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoDownloadPages(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosOrderPages());
    }

    public DynamoDownloadPages(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pages = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public void save(Page page) {
        Row row = new Row();
        row.pageId = page.pageId();
        row.servedAt = Attributes.sortable(page.servedAt());
        row.orderIds = page.orderIds();
        row.expiresAt = page.servedAt().plus(KEEP).getEpochSecond();
        pages.putItem(r -> r.item(row).conditionExpression(NEW_PAGE));
    }

    @Override
    public Optional<Page> find(String pageId) {
        return Optional.ofNullable(pages.getItem(r -> r.key(k -> k.partitionValue(pageId)).consistentRead(true)))
                .map(row -> new Page(row.pageId, Attributes.instant(row.servedAt), row.orderIds == null ? List.of() : row.orderIds,
                        Attributes.instant(row.acknowledgedAt)));
    }

    @Override
    public void acknowledged(String pageId, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("pageId", s(pageId)))
                .updateExpression("SET acknowledgedAt = if_not_exists(acknowledgedAt, :at)")
                .conditionExpression("attribute_exists(pageId)")
                .expressionAttributeValues(Map.of(":at", time(at))));
    }

    /** One served page as the table keeps it (times as sortable UTC text, {@link Attributes#sortable}). */
    private static final class Row {
        String pageId;
        String servedAt;
        List<String> orderIds;
        /** The table's TTL: epoch seconds. */
        Long expiresAt;
        String acknowledgedAt;
    }
}
