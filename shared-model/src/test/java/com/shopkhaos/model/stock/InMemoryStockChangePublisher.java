package com.shopkhaos.model.stock;

import com.shopkhaos.model.events.StockChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The {@code stock-changes} queue in memory: what was accepted, in order. {@link #failNext} refuses the next send. */
public final class InMemoryStockChangePublisher implements StockChangePublisher {
    public final List<StockChange> published = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    @Override
    public synchronized void publish(StockChange change) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        published.add(change);
    }

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    /** Every code named in an accepted message whose stock the shop moved itself. */
    public synchronized Set<String> shopChangedCodes() {
        Set<String> codes = new TreeSet<>();
        published.stream().filter(StockChange::shopChangedItself).forEach(c -> codes.addAll(c.stockCodes()));
        return codes;
    }
}
