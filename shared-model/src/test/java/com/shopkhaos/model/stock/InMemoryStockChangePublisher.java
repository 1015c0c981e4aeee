package com.shopkhaos.model.stock;

import com.shopkhaos.model.events.StockChange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code stock-changes} queue in memory: what was accepted, in order ({@link #published} those to deliver at once,
 * {@link #delayed} those held back, with their delay). {@link #failNext} refuses the next send.
 */
public final class InMemoryStockChangePublisher implements StockChangePublisher {
    /** A change held back before delivery. */
    public record Delayed(StockChange change, Duration delay) {
    }

    public final List<StockChange> published = new ArrayList<>();
    public final List<Delayed> delayed = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    @Override
    public synchronized void publish(StockChange change, Duration delay) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        if (delay.isZero()) {
            published.add(change);
        } else {
            delayed.add(new Delayed(change, delay));
        }
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
