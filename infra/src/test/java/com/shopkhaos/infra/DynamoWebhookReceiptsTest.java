package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.intake.ReceiptState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoWebhookReceiptsTest {
    private final Adapters adapters = new Adapters();
    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void claim_isNewOnce_thenPending_untilMarkedEnqueued() {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        assertThat(adapters.receipts.claim(eventId, "shop1", now)).isEqualTo(ReceiptState.NEW);
        assertThat(adapters.receipts.claim(eventId, "shop1", now)).isEqualTo(ReceiptState.PENDING);
        adapters.receipts.markEnqueued(eventId, now);
        assertThat(adapters.receipts.claim(eventId, "shop1", now)).isEqualTo(ReceiptState.ENQUEUED);
    }

    @Test
    void claim_setsTheTtlAttribute_thirtyDaysOut() {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        adapters.receipts.claim(eventId, "shop1", now);
        Map<String, AttributeValue> item = adapters.cloud.dynamoDb().getItem(b -> b.tableName(adapters.env.get("IDEMPOTENCY_TABLE"))
                .key(Map.of("eventId", AttributeValue.fromS(eventId)))).item();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(now.plusSeconds(30L * 24 * 3600).getEpochSecond());
        assertThat(item.get("status").s()).isEqualTo("PENDING");
    }

    @Test
    void markingEnqueued_keepsTheShopAndTheTtl_thatTheClaimWrote() {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        adapters.receipts.claim(eventId, "shop1", now);
        adapters.receipts.markEnqueued(eventId, now.plusSeconds(2));
        Map<String, AttributeValue> item = adapters.cloud.dynamoDb().getItem(b -> b.tableName(adapters.env.get("IDEMPOTENCY_TABLE"))
                .key(Map.of("eventId", AttributeValue.fromS(eventId)))).item();
        assertThat(item.get("status").s()).isEqualTo("ENQUEUED");
        assertThat(item.get("shopId").s()).isEqualTo("shop1");
        assertThat(item.get("enqueuedAt").s()).isEqualTo("2026-11-27T10:00:02.000000000Z");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(now.plusSeconds(30L * 24 * 3600).getEpochSecond());
    }
}
