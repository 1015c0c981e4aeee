package com.shopkhaos.infra.sqs;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.intake.OrderEventPublisher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Sends {@code order-events} messages; the SDK's exception on failure reaches the caller. */
@Singleton
public class SqsOrderEventPublisher implements OrderEventPublisher {
    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public SqsOrderEventPublisher(SqsClient sqs, @ConfigProperty(name = "shopkhaos.order-events-queue-url") String queueUrl) {
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
}
