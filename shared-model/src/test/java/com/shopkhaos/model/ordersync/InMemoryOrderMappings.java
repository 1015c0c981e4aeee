package com.shopkhaos.model.ordersync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code mappings} table in memory: what people mapped by hand, by kind; a put is seen by the next read. */
public final class InMemoryOrderMappings implements OrderMappings {
    public static final String SKU = "SKU";
    public static final String COURIER = "COURIER";
    public static final String BUFFER = "BUFFER";
    public static final String SHIPPING_METHOD = "SHIPPING_METHOD";
    public static final String PROMOTION = "PROMOTION";
    public static final String RETURN_REASON = "RETURN_REASON";
    private final Map<String, Map<String, String>> byKind = new LinkedHashMap<>();

    @Override
    public synchronized Overrides current() {
        return new Overrides(kind(SKU), kind(COURIER), kind(BUFFER), kind(SHIPPING_METHOD), kind(PROMOTION), kind(RETURN_REASON));
    }

    @Override
    public synchronized void put(String kind, String key, String value) {
        if (!Set.of(SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION, RETURN_REASON).contains(kind)) {
            throw new IllegalArgumentException("no mapping kind " + kind);
        }
        byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, value);
    }

    private Map<String, String> kind(String kind) {
        return byKind.getOrDefault(kind, Map.of());
    }
}
