package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.intake.ReceiptState;
import com.shopkhaos.model.intake.WebhookReceipts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The idempotency table, through the DynamoDB Enhanced Client: one item per webhook event id, {@code PENDING} until it
 * is on the queue, then {@code ENQUEUED}; kept 30 days (TTL).
 */
@Singleton
public class DynamoWebhookReceipts implements WebhookReceipts {
    /** How long an event id is remembered (DynamoDB TTL removes it after). */
    static final Duration KEEP = Duration.ofDays(30);
    private static final String PENDING = "PENDING";
    private static final String ENQUEUED = "ENQUEUED";
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("eventId").getter(r -> r.eventId).setter((r, v) -> r.eventId = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("shopId").getter(r -> r.shopId).setter((r, v) -> r.shopId = v))
            .addAttribute(String.class, a -> a.name("status").getter(r -> r.status).setter((r, v) -> r.status = v))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(r -> r.receivedAt).setter((r, v) -> r.receivedAt = v))
            .addAttribute(String.class, a -> a.name("enqueuedAt").getter(r -> r.enqueuedAt).setter((r, v) -> r.enqueuedAt = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .build();
    private static final Expression NEW_EVENT = Expression.builder().expression("attribute_not_exists(eventId)").build();
    private final DynamoDbTable<Row> receipts;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoWebhookReceipts(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.idempotency());
    }

    public DynamoWebhookReceipts(DynamoDbClient dynamo, String table) {
        this.receipts = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public ReceiptState claim(String eventId, String shopId, Instant now) {
        Row row = new Row();
        row.eventId = eventId;
        row.shopId = shopId;
        row.status = PENDING;
        row.receivedAt = Attributes.sortable(now);
        row.expiresAt = now.plus(KEEP).getEpochSecond();
        try {
            receipts.putItem(r -> r.item(row).conditionExpression(NEW_EVENT));
            return ReceiptState.NEW;
        } catch (ConditionalCheckFailedException seenBefore) {
            Row seen = receipts.getItem(r -> r.key(k -> k.partitionValue(eventId)).consistentRead(true));
            return seen != null && ENQUEUED.equals(seen.status) ? ReceiptState.ENQUEUED : ReceiptState.PENDING;
        }
    }

    /** Sets only the status and when (the Enhanced Client's update leaves the attributes this row does not carry). */
    @Override
    public void markEnqueued(String eventId, Instant now) {
        Row row = new Row();
        row.eventId = eventId;
        row.status = ENQUEUED;
        row.enqueuedAt = Attributes.sortable(now);
        receipts.updateItem(r -> r.item(row).ignoreNulls(true));
    }

    /** One webhook event as the table keeps it (times as sortable UTC text, {@link Attributes#sortable}). */
    private static final class Row {
        String eventId;
        String shopId;
        String status;
        String receivedAt;
        String enqueuedAt;
        /** The table's TTL: epoch seconds. */
        Long expiresAt;
    }
}
