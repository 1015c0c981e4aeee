package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.DownloadPages;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Served OrderDownload pages, one item each (the order ids as a list); kept 30 days (TTL). */
@Singleton
public class DynamoDownloadPages implements DownloadPages {
    static final Duration KEEP = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoDownloadPages(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosOrderPages());
    }

    public DynamoDownloadPages(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(Page page) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pageId", s(page.pageId()));
        item.put("servedAt", time(page.servedAt()));
        item.put("orderIds", AttributeValue.fromL(page.orderIds().stream().map(Attributes::s).toList()));
        item.put("expiresAt", n(page.servedAt().plus(KEEP).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pageId)"));
    }

    @Override
    public Optional<Page> find(String pageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pageId", s(pageId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = item.getOrDefault("orderIds", AttributeValue.fromL(List.of())).l().stream().map(AttributeValue::s).toList();
        return Optional.of(new Page(string(item, "pageId"), instant(item, "servedAt"), ids, instant(item, "acknowledgedAt")));
    }

    @Override
    public void acknowledged(String pageId, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("pageId", s(pageId)))
                .updateExpression("SET acknowledgedAt = if_not_exists(acknowledgedAt, :at)")
                .conditionExpression("attribute_exists(pageId)")
                .expressionAttributeValues(Map.of(":at", time(at))));
    }
}
