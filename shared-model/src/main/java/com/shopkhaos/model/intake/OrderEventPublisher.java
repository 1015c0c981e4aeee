package com.shopkhaos.model.intake;

import com.shopkhaos.model.events.OrderEvent;

/** Port: sends to the {@code order-events} queue. Throws when the message was not accepted. */
public interface OrderEventPublisher {
    void publish(OrderEvent event);
}
