package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** The web-stock table in memory: each method one atomic conditional write to one entry, as in DynamoDB. */
final class InMemoryWebStock implements WebStock {
    private final Map<ShopSku, Entry> entries = new HashMap<>();

    @Override
    public synchronized Map<ShopSku, Entry> find(Collection<ShopSku> skus) {
        Map<ShopSku, Entry> found = new HashMap<>();
        skus.stream().filter(entries::containsKey).forEach(s -> found.put(s, entries.get(s)));
        return found;
    }

    @Override
    public synchronized void remember(Entry entry) {
        entries.putIfAbsent(entry.sku(), entry);
    }

    @Override
    public synchronized void forget(ShopSku sku) {
        entries.remove(sku);
    }

    @Override
    public synchronized Claimed claim(ShopSku sku, String productId, boolean closeout, Figure figure, boolean keepIfShown) {
        Entry e = entries.get(sku);
        if (e == null) {
            e = new Entry(sku, productId, closeout, null, null);
        }
        boolean newest = e.claimCode() == null || !e.claimCode().equals(figure.stockCode()) || e.claimSeq() <= figure.sequence();
        if (!newest) {
            return new Claimed(Claim.LOST, e.failures());
        }
        boolean kept = keepIfShown && e.shows(figure.sellable());
        entries.put(sku, new Entry(sku, e.productId(), e.closeout(), e.lastPushed(), e.pushedAt(), figure.stockCode(),
                figure.sequence(), figure.sellable(), kept ? e.writing() : e.writing() + 1, e.failures()));
        return new Claimed(kept ? Claim.KEPT : Claim.WRITE, e.failures());
    }

    @Override
    public synchronized OptionalInt confirm(ShopSku sku, int written, long failuresAtClaim, Instant at) {
        Entry e = entries.get(sku);
        if (e == null) {
            return OptionalInt.empty();
        }
        if (!Objects.equals(e.claimed(), written)) {
            return OptionalInt.of(e.claimed());
        }
        boolean alone = e.writing() == 1 && e.failures() == failuresAtClaim;
        entries.put(sku, new Entry(sku, e.productId(), e.closeout(), alone ? Integer.valueOf(written) : e.lastPushed(),
                alone ? at : e.pushedAt(), e.claimCode(), e.claimSeq(), e.claimed(), e.writing() - 1, e.failures()));
        return OptionalInt.empty();
    }

    @Override
    public synchronized void failed(ShopSku sku) {
        Entry e = entries.get(sku);
        if (e != null) {
            entries.put(sku, new Entry(sku, e.productId(), e.closeout(), null, e.pushedAt(), e.claimCode(), e.claimSeq(),
                    e.claimed(), e.writing() - 1, e.failures() + 1));
        }
    }

    synchronized Entry entry(ShopSku sku) {
        return entries.get(sku);
    }
}
