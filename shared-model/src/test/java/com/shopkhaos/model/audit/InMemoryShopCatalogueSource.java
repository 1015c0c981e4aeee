package com.shopkhaos.model.audit;

import java.util.ArrayList;
import java.util.List;

/** The shared in-memory {@link ShopCatalogueSource}: answers the catalogue it was given, and counts the reads. */
public final class InMemoryShopCatalogueSource implements ShopCatalogueSource {
    private ShopCatalogue catalogue = new ShopCatalogue(List.of(), List.of(), List.of(), List.of(), List.of());
    private RuntimeException failure;
    private final List<String> reads = new ArrayList<>();

    public synchronized InMemoryShopCatalogueSource with(ShopCatalogue catalogue) {
        this.catalogue = catalogue;
        return this;
    }

    public synchronized void failNext(RuntimeException failure) {
        this.failure = failure;
    }

    public synchronized List<String> reads() {
        return List.copyOf(reads);
    }

    @Override
    public synchronized ShopCatalogue read(String shopId, String priceCurrency) {
        reads.add(shopId + " " + priceCurrency);
        if (failure != null) {
            RuntimeException f = failure;
            failure = null;
            throw f;
        }
        return catalogue;
    }
}
