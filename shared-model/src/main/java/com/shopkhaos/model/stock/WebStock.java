package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Port: per shop SKU, its Shopware product id (a cache, so SKUs are looked up once) and the stock last
 * written to the shop (so only changes are pushed). DynamoDB table {@code web-stock}.
 */
public interface WebStock {

    record Entry(String sku, String productId, boolean closeout, Integer lastPushed, Instant pushedAt) {
    }

    Map<String, Entry> find(Collection<String> skus);

    void remember(Entry entry);

    /** Forgets a SKU (its product was deleted in the shop): it is looked up again next time. */
    void forget(String sku);

    /** Many at once (the store may write them in batches). */
    default void rememberAll(java.util.List<Entry> entries) {
        entries.forEach(this::remember);
    }
}
