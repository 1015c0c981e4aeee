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
 * In-flight holds in memory, one per stock code and order, as the table keeps them: a hold is written only when it is
 * new or its quantity changed (answered as changed); codes the order no longer holds are dropped; every change bumps
 * the sequence of each code it touched, also when a redelivery finds the writes done. {@link #failNext} makes the next
 * call fail before it writes anything.
 */
public final class InMemoryInFlightOrders implements InFlightOrders {
    private final Map<String, Map<String, InFlightHold>> byCode = new TreeMap<>();
    private final StockVersions versions;
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public InMemoryInFlightOrders(StockVersions versions) {
        this.versions = versions;
    }

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized Set<String> hold(String orderId, String orderNumber, Map<String, Integer> quantityByStockCode, Instant at) {
        failIfAsked();
        Set<String> changed = new TreeSet<>();
        quantityByStockCode.forEach((code, quantity) -> {
            InFlightHold known = byCode.getOrDefault(code, Map.of()).get(orderId);
            if (known == null || known.quantity() != quantity) {
                byCode.computeIfAbsent(code, c -> new TreeMap<>()).put(orderId, new InFlightHold(code, orderId, orderNumber,
                        quantity, at, null));
                changed.add(code);
            }
        });
        Set<String> touched = new TreeSet<>(quantityByStockCode.keySet());
        for (String code : codesOf(orderId)) {
            if (!quantityByStockCode.containsKey(code)) {
                forget(code, orderId);
                changed.add(code);
                touched.add(code);
            }
        }
        versions.bump(touched);
        return changed;
    }

    @Override
    public synchronized Set<String> release(String orderId) {
        failIfAsked();
        Set<String> codes = codesOf(orderId);
        codes.forEach(code -> forget(code, orderId));
        versions.bump(codes);
        return codes;
    }

    @Override
    public synchronized Set<String> imported(String orderId, Instant at) {
        failIfAsked();
        Set<String> codes = codesOf(orderId);
        for (String code : codes) {
            InFlightHold h = byCode.get(code).get(orderId);
            if (h.importedAt() == null) {
                byCode.get(code).put(orderId, new InFlightHold(code, orderId, h.orderNumber(), h.quantity(), h.heldAt(), at));
            }
        }
        versions.bump(codes);
        return codes;
    }

    @Override
    public synchronized void forget(String stockCode, String orderId) {
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

    /** What the order holds now, by stock code. */
    public synchronized Map<String, Integer> heldBy(String orderId) {
        Map<String, Integer> held = new TreeMap<>();
        byCode.forEach((code, holds) -> {
            if (holds.containsKey(orderId)) {
                held.put(code, holds.get(orderId).quantity());
            }
        });
        return held;
    }

    private Set<String> codesOf(String orderId) {
        Set<String> codes = new TreeSet<>();
        byCode.forEach((code, holds) -> {
            if (holds.containsKey(orderId)) {
                codes.add(code);
            }
        });
        return codes;
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
