package com.shopkhaos.model.khaos;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Khaos catalogue in memory: one item per stock id; a deleted item is kept, marked deleted; found by stock code
 * (the newest item not deleted wins); paged in stock id order. {@link #failNext} makes the next read fail.
 */
public final class InMemoryKhaosCatalogue implements KhaosCatalogue {
    private final Map<String, CatalogueItem> byId = new TreeMap<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    /** Adds or replaces items, as a StockUpload does. */
    public synchronized InMemoryKhaosCatalogue add(CatalogueItem... items) {
        for (CatalogueItem i : items) {
            byId.put(i.stockId(), i);
        }
        return this;
    }

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void apply(CatalogueChange change, Instant at) {
        change.items().forEach(i -> byId.put(i.stockId(), i));
        for (String stockId : change.deletedStockIds()) {
            CatalogueItem known = byId.getOrDefault(stockId, new CatalogueItem(stockId, "", "", "", "", Optional.empty(), false,
                    false, false, false, false, false, at));
            byId.put(stockId, known.asDeleted(at));
        }
    }

    @Override
    public synchronized Optional<CatalogueItem> byStockId(String stockId) {
        failIfAsked();
        return Optional.ofNullable(byId.get(stockId));
    }

    @Override
    public synchronized Optional<CatalogueItem> byStockCode(String stockCode) {
        failIfAsked();
        return byId.values().stream().filter(i -> i.stockCode().equals(stockCode))
                .max(Comparator.comparing((CatalogueItem i) -> !i.deleted()).thenComparing(CatalogueItem::updatedAt));
    }

    @Override
    public synchronized List<CatalogueItem> page(String afterStockId, int limit) {
        failIfAsked();
        return byId.values().stream().filter(i -> afterStockId == null || afterStockId.isEmpty()
                || i.stockId().compareTo(afterStockId) > 0).limit(limit).toList();
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
