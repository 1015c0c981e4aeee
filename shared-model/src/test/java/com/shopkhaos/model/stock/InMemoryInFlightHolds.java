package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
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
    /** Holds ({@code code order}) stored whose stock change was not sent yet. */
    private final Set<String> unsent = new HashSet<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
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

    @Override
    public synchronized boolean store(InFlightHold hold) {
        failIfAsked();
        InFlightHold known = byCode.getOrDefault(hold.stockCode(), Map.of()).get(hold.orderId());
        String id = id(hold.stockCode(), hold.orderId());
        if (known != null && known.quantity() == hold.quantity() && !unsent.contains(id)) {
            return false;
        }
        byCode.computeIfAbsent(hold.stockCode(), c -> new TreeMap<>()).put(hold.orderId(), hold);
        unsent.add(id);
        return true;
    }

    @Override
    public synchronized void changeSent(String stockCode, String orderId, int quantity) {
        failIfAsked();
        InFlightHold known = byCode.getOrDefault(stockCode, Map.of()).get(orderId);
        if (known != null && known.quantity() == quantity) {
            unsent.remove(id(stockCode, orderId));
        }
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
        Map<String, InFlightHold> holds = byCode.get(stockCode);
        if (holds != null) {
            holds.remove(orderId);
            unsent.remove(id(stockCode, orderId));
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

    private static String id(String stockCode, String orderId) {
        return stockCode + " " + orderId;
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
