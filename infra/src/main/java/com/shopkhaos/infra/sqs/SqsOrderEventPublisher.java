package com.shopkhaos.infra.sqs;

import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.ordersync.OrderEventsBacklog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Sends {@code order-events} messages (the SDK's exception on failure reaches the caller), and says how many wait. */
@Singleton
public class SqsOrderEventPublisher implements OrderEventPublisher, OrderEventsBacklog {
    private final SqsClient sqs;
    private final String queueUrl;

    /** The queue from {@link QueueSettings}. */
    @Inject
    public SqsOrderEventPublisher(SqsClient sqs, QueueSettings queues) {
        this(sqs, queues.orderEvents());
    }

    public SqsOrderEventPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(OrderEvent event) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(OrderEventCodec.write(event))
                .messageAttributes(Map.of(
                        "type", MessageAttributeValue.builder().dataType("String").stringValue(event.type().name()).build(),
                        "schemaVersion", MessageAttributeValue.builder().dataType("Number")
                                .stringValue(Integer.toString(event.schemaVersion())).build())));
    }

    /** Visible, in flight and delayed messages together. */
    @Override
    public long waiting() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return counts.values().stream().mapToLong(Long::parseLong).sum();
    }
}
