package com.shopkhaos.model.khaos;

import com.shopkhaos.model.stock.StockVersions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Khaos's latest figure per stock code and site in memory: a figure is stored only over an older one (by when its
 * push arrived), then the sequence of each code stored is bumped, as the table does. {@link #failNext} makes the
 * next read fail.
 */
public final class InMemoryKhaosStockLevels implements KhaosStockLevels {
    private final Map<String, StockLevel> levels = new TreeMap<>();
    private final StockVersions versions;
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public InMemoryKhaosStockLevels(StockVersions versions) {
        this.versions = versions;
    }

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized Set<String> record(List<StockLevel> pushed) {
        Map<String, StockLevel> last = new LinkedHashMap<>();
        pushed.forEach(l -> last.put(l.stockCode() + "#" + l.site(), l));
        Set<String> stored = new TreeSet<>();
        last.forEach((key, level) -> {
            StockLevel known = levels.get(key);
            if (known == null || known.receivedAt().isBefore(level.receivedAt())) {
                levels.put(key, level);
                stored.add(level.stockCode());
            }
        });
        versions.bump(stored);
        return stored;
    }

    @Override
    public synchronized List<StockLevel> levels(String stockCode) {
        failIfAsked();
        return levels.values().stream().filter(l -> l.stockCode().equals(stockCode)).toList();
    }

    @Override
    public synchronized List<StockLevel> all() {
        failIfAsked();
        return new ArrayList<>(levels.values());
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
