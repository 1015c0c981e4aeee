package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.infra.sqs.OrderEventCodec;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.events.UnsupportedMessageVersionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsOrderEventPublisherTest {
    private final Adapters adapters = new Adapters();

    @Test
    void publish_putsAVersionedRecordOnTheQueue() {
        String eventId = UUID.randomUUID().toString();
        OrderEvent event = OrderEvent.of(eventId, "shop1", OrderEventType.ORDER_PLACED, "abc", "10001",
                Instant.parse("2026-11-27T10:00:00Z"));
        adapters.publisher.publish(event);

        List<OrderEvent> received = drainOrderEvents(adapters);
        assertThat(received).contains(event);
    }

    @Test
    void read_refusesAMessageFromANewerVersion() {
        String newer = "{\"schemaVersion\":2,\"eventId\":\"e\",\"shopId\":\"s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o\","
                + "\"orderNumber\":\"1\",\"occurredAt\":\"2026-11-27T10:00:00Z\"}";
        assertThatThrownBy(() -> OrderEventCodec.read(newer)).isInstanceOf(UnsupportedMessageVersionException.class);
    }

    static List<OrderEvent> drainOrderEvents(Adapters adapters) {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> batch = adapters.cloud.sqs().receiveMessage(b -> b.queueUrl(adapters.orderEventsQueue())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> adapters.cloud.sqs().deleteMessage(b -> b.queueUrl(adapters.orderEventsQueue())
                    .receiptHandle(m.receiptHandle())));
            messages.addAll(batch);
        }
        return messages.stream().map(m -> OrderEventCodec.read(m.body())).toList();
    }
}
