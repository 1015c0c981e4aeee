package com.shopkhaos.model.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shops that installed the app, in memory, in the order they registered. */
public final class InMemoryShopRegistry implements ShopRegistry {
    private static final Instant REGISTERED = Instant.parse("2026-11-01T09:00:00Z");
    private final Map<String, ShopRegistration> shops = new LinkedHashMap<>();

    /** A shop that finished the app handshake (its secrets are placeholders). */
    public InMemoryShopRegistry confirmed(String shopId) {
        save(ShopRegistration.pending(shopId, "https://" + shopId + ".example", "secret-" + shopId, REGISTERED)
                .confirmed("https://" + shopId + ".example", "key-" + shopId, "api-secret-" + shopId, REGISTERED));
        return this;
    }

    /** A shop that registered but never confirmed. */
    public InMemoryShopRegistry pending(String shopId) {
        save(ShopRegistration.pending(shopId, "https://" + shopId + ".example", "secret-" + shopId, REGISTERED));
        return this;
    }

    @Override
    public synchronized Optional<ShopRegistration> find(String shopId) {
        return Optional.ofNullable(shops.get(shopId));
    }

    @Override
    public synchronized void save(ShopRegistration registration) {
        shops.put(registration.shopId(), registration);
    }

    @Override
    public synchronized boolean remove(String shopId) {
        return shops.remove(shopId) != null;
    }

    @Override
    public synchronized List<String> shopIds() {
        return new ArrayList<>(shops.keySet());
    }
}
