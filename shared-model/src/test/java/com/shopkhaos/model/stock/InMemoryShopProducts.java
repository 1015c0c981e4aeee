package com.shopkhaos.model.stock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's products in memory, as the Admin API serves them: found by SKU, paged in SKU order, and their stock set in
 * bulk requests. A request is applied whole or not at all: one that names a product the shop refuses ({@link #refuse})
 * throws {@link RowsRefusedException} naming those rows and writes nothing; {@link #failNext} makes the next call fail
 * as an unreachable shop does, {@link #failNextWrite} the next bulk write. {@link #requests} records every bulk write
 * the shop took.
 */
public final class InMemoryShopProducts implements ShopProducts {
    private final Map<String, Map<String, ShopProduct>> byShop = new HashMap<>();
    private final Map<String, String> refused = new HashMap<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private final Deque<RuntimeException> writeFailures = new ArrayDeque<>();
    /** Every bulk request the shop applied, in order. */
    public final List<List<StockWrite>> requests = new ArrayList<>();
    public int pagesRead;

    /** A simple product (no variants) with this stock. */
    public synchronized InMemoryShopProducts add(String shopId, String sku, int stock) {
        return add(shopId, new ShopProduct("id-" + sku, sku, stock, false, null, 0));
    }

    public synchronized InMemoryShopProducts add(String shopId, ShopProduct product) {
        byShop.computeIfAbsent(shopId, s -> new TreeMap<>()).put(product.sku(), product);
        return this;
    }

    /** Someone changed the stock in the shop admin (or an order took some). */
    public synchronized void edit(String shopId, String sku, int stock) {
        ShopProduct p = byShop.getOrDefault(shopId, Map.of()).get(sku);
        if (p == null) {
            return;
        }
        byShop.get(shopId).put(sku, new ShopProduct(p.id(), p.sku(), stock, p.closeout(), p.parentId(), p.childCount()));
    }

    public synchronized Integer stock(String shopId, String sku) {
        ShopProduct p = byShop.getOrDefault(shopId, Map.of()).get(sku);
        return p == null ? null : p.stock();
    }

    /** The shop refuses any stock for this SKU with {@code reason}, until {@link #accept}. */
    public synchronized void refuse(String sku, String reason) {
        refused.put(sku, reason);
    }

    public synchronized void accept(String sku) {
        refused.remove(sku);
    }

    /** The next call of any kind throws {@code failure}. */
    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    /** The next bulk write throws {@code failure} and writes nothing (the shop unreachable, a 503). */
    public synchronized void failNextWrite(RuntimeException failure) {
        writeFailures.add(failure);
    }

    /** Every SKU written, with its stock, in the order written ({@code sku=stock}). */
    public synchronized List<String> writes() {
        return requests.stream().flatMap(List::stream).map(w -> w.sku() + "=" + w.stock()).toList();
    }

    @Override
    public synchronized List<ShopProduct> bySku(String shopId, Collection<String> skus) {
        failIfAsked();
        Map<String, ShopProduct> products = byShop.getOrDefault(shopId, Map.of());
        return skus.stream().filter(products::containsKey).map(products::get).toList();
    }

    @Override
    public synchronized List<ShopProduct> page(String shopId, int page, int size) {
        failIfAsked();
        pagesRead++;
        List<ShopProduct> all = new ArrayList<>(byShop.getOrDefault(shopId, Map.of()).values());
        int from = Math.min(all.size(), (page - 1) * size);
        return List.copyOf(all.subList(from, Math.min(all.size(), from + size)));
    }

    @Override
    public synchronized void setStock(String shopId, List<StockWrite> writes) {
        failIfAsked();
        if (!writeFailures.isEmpty()) {
            throw writeFailures.poll();
        }
        Map<Integer, String> refusedRows = new LinkedHashMap<>();
        for (int r = 0; r < writes.size(); r++) {
            if (refused.containsKey(writes.get(r).sku())) {
                refusedRows.put(r, refused.get(writes.get(r).sku()));
            }
        }
        if (!refusedRows.isEmpty()) {
            throw new RowsRefusedException(refusedRows, "the shop refused " + refusedRows.size() + " row(s)");
        }
        requests.add(List.copyOf(writes));
        writes.forEach(w -> edit(shopId, w.sku(), w.stock()));
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
