package com.shopkhaos.model.stock;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The codes' input sequences in memory. */
public final class InMemoryStockVersions implements StockVersions {
    private final Map<String, Long> sequences = new HashMap<>();

    @Override
    public synchronized void bump(Collection<String> stockCodes) {
        stockCodes.forEach(c -> sequences.merge(c, 1L, Long::sum));
    }

    @Override
    public synchronized Map<String, Long> current(Collection<String> stockCodes) {
        Map<String, Long> now = new HashMap<>();
        stockCodes.forEach(c -> now.put(c, sequences.getOrDefault(c, 0L)));
        return now;
    }

    @Override
    public synchronized Map<String, Long> all() {
        return new HashMap<>(sequences);
    }
}
