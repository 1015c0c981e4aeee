package com.shopkhaos.model.despatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The {@code despatches} queue in memory: what was accepted, in order. {@link #failNext} refuses the next send. */
public final class InMemoryDespatchPublisher implements DespatchPublisher {
    public final List<DespatchNotice> published = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void publish(DespatchNotice notice) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        published.add(notice);
    }
}
