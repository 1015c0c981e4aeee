package com.shopkhaos.model.intake;

import com.shopkhaos.model.events.OrderEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The {@code order-events} queue in memory: what was accepted, in order. {@link #failNext} refuses the next send. */
public final class InMemoryOrderEventPublisher implements OrderEventPublisher {
    public final List<OrderEvent> published = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    @Override
    public synchronized void publish(OrderEvent event) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        published.add(event);
    }

    /** The next send throws {@code failure} (the queue did not accept the message). */
    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    public synchronized List<String> orderIds() {
        return published.stream().map(OrderEvent::orderId).toList();
    }
}
