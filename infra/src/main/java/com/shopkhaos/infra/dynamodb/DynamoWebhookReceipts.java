package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.intake.ReceiptState;
import com.shopkhaos.model.intake.WebhookReceipts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The idempotency table: one item per webhook event id, PENDING until it is on the queue, then ENQUEUED. */
@Singleton
public class DynamoWebhookReceipts implements WebhookReceipts {
    /** How long an event id is remembered (DynamoDB TTL removes it after). */
    static final Duration KEEP = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoWebhookReceipts(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.idempotency());
    }

    public DynamoWebhookReceipts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public ReceiptState claim(String eventId, String shopId, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("eventId", s(eventId), "shopId", s(shopId), "status", s("PENDING"),
                            "receivedAt", time(now), "expiresAt", n(now.plus(KEEP).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(eventId)"));
            return ReceiptState.NEW;
        } catch (ConditionalCheckFailedException seenBefore) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("eventId", s(eventId)))).item();
            return "ENQUEUED".equals(string(item, "status")) ? ReceiptState.ENQUEUED : ReceiptState.PENDING;
        }
    }

    @Override
    public void markEnqueued(String eventId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventId", s(eventId)))
                .updateExpression("SET #status = :enqueued, enqueuedAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":enqueued", s("ENQUEUED"), ":now", time(now))));
    }
}
