package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-flight table in memory, one hold per stock code and order, each write atomic as in DynamoDB: it stores what it
 * is given ({@link InFlightOrders} works out what). {@link #failNext} makes the next call fail before it writes anything.
 */
public final class InMemoryInFlightHolds implements InFlightHolds {
    private final Map<String, Map<String, InFlightHold>> byCode = new TreeMap<>();
    /** Calls that reached the table: every read and write, as DynamoDB would bill them. */
    private int calls;
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    /** How many calls reached the table so far (reads and writes). */
    public synchronized int calls() {
        return calls;
    }

    @Override
    public synchronized Set<String> codesOf(String orderId) {
        failIfAsked();
        Set<String> codes = new TreeSet<>();
        byCode.forEach((code, holds) -> {
            if (holds.containsKey(orderId)) {
                codes.add(code);
            }
        });
        return codes;
    }

    /** Runs once, just before the next hold is stored (another delivery overtaking this one), outside the lock. */
    public volatile Runnable beforeNextStore;

    @Override
    public void store(InFlightHold hold) {
        Runnable before = beforeNextStore;
        beforeNextStore = null;
        if (before != null) {
            before.run();
        }
        storeNow(hold);
    }

    private synchronized void storeNow(InFlightHold hold) {
        failIfAsked();
        InFlightHold stored = byCode.getOrDefault(hold.stockCode(), Map.of()).get(hold.orderId());
        InFlightHold kept = stored == null || stored.importedAt() == null ? hold
                : new InFlightHold(hold.stockCode(), hold.orderId(), hold.orderNumber(), hold.quantity(), hold.heldAt(), stored.importedAt());
        byCode.computeIfAbsent(hold.stockCode(), c -> new TreeMap<>()).put(hold.orderId(), kept);
    }

    @Override
    public synchronized void imported(String stockCode, String orderId, Instant at) {
        failIfAsked();
        InFlightHold h = byCode.getOrDefault(stockCode, Map.of()).get(orderId);
        if (h != null && h.importedAt() == null) {
            byCode.get(stockCode).put(orderId, new InFlightHold(stockCode, orderId, h.orderNumber(), h.quantity(), h.heldAt(), at));
        }
    }

    @Override
    public synchronized void forget(String stockCode, String orderId) {
        calls++;
        Map<String, InFlightHold> holds = byCode.get(stockCode);
        if (holds != null) {
            holds.remove(orderId);
            if (holds.isEmpty()) {
                byCode.remove(stockCode);
            }
        }
    }

    @Override
    public synchronized List<InFlightHold> holds(String stockCode) {
        failIfAsked();
        return new ArrayList<>(byCode.getOrDefault(stockCode, Map.of()).values());
    }

    @Override
    public synchronized List<InFlightHold> all() {
        failIfAsked();
        return byCode.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** What the order holds now (of some quantity), by stock code. */
    public synchronized Map<String, Integer> heldBy(String orderId) {
        Map<String, Integer> held = new TreeMap<>();
        byCode.forEach((code, holds) -> {
            InFlightHold h = holds.get(orderId);
            if (h != null && h.quantity() > 0) {
                held.put(code, h.quantity());
            }
        });
        return held;
    }

    private void failIfAsked() {
        calls++;
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
