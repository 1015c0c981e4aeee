package com.shopkhaos.model.ordersync;

/** Port: how many {@code order-events} messages are still waiting or being handled (approximate, as SQS counts them). */
public interface OrderEventsBacklog {
    long waiting();
}
