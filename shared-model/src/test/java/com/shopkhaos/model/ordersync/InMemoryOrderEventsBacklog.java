package com.shopkhaos.model.ordersync;

/** How many {@code order-events} messages wait, as a test sets it. */
public final class InMemoryOrderEventsBacklog implements OrderEventsBacklog {
    public volatile long waiting;

    @Override
    public long waiting() {
        return waiting;
    }
}
