package com.shopkhaos.infra.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.events.OrderEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code order-events} message body as JSON, e.g. {@code {"schemaVersion":1,"eventId":…,"type":"ORDER_PLACED",…}}. */
@RegisterForReflection(targets = OrderEvent.class)
public final class OrderEventCodec {
    private OrderEventCodec() {
    }

    public static String write(OrderEvent event) {
        try {
            return InfraJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws com.shopkhaos.model.events.UnsupportedMessageVersionException when written by a newer version
     * @throws IllegalArgumentException when it is not an order-events message
     */
    public static OrderEvent read(String body) {
        try {
            return InfraJson.mapper().readValue(body, OrderEvent.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalArgumentException("not an order-events message: " + e.getOriginalMessage(), e);
        }
    }
}
