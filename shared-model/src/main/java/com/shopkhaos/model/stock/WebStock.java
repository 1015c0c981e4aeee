package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Port: per shop SKU ({@link ShopSku}), its Shopware product id (a cache, so SKUs are looked up once) and who may
 * write its stock to the shop. DynamoDB table {@code web-stock}; every change is one conditional write to one item.
 *
 * <p>The shop's stock of a SKU is written only by the winner of a {@link #claim}: "figure F worked out from the
 * code's inputs at sequence V" ({@link StockVersions}). A claim older than the one recorded loses, and the loser
 * writes nothing (the newer claimer writes). The winner writes the shop, then {@link #confirm}s: when a newer claim
 * came meanwhile with another figure, confirm answers that figure and the winner writes it too (its own write may
 * have landed after the newer one's), and confirms again. So the last write to land is always followed by a
 * check that it equals the newest claim. {@code writing} counts claimers between claim and confirm; the figure the
 * shop shows ({@code lastPushed}) is recorded only by the one confirming alone, with no failed write since its claim,
 * so "changes only" (skip a write when the shop shows the figure) never trusts a figure another write may overturn.
 */
public interface WebStock {

    /**
     * @param lastPushed what the shop shows, as far as is known (null: unknown, write it)
     * @param claimCode  the stock code of the newest claim (claims of another code do not compare: a SKU remapped)
     * @param claimSeq   the newest claim's sequence of its code's inputs
     * @param claimed    the newest claim's figure
     * @param writing    claimers that have not confirmed yet (a claimer that died leaves it above 0: always written)
     * @param failures   writes that failed (the shop may or may not show them); a confirm sees whether one came since its claim
     */
    record Entry(ShopSku sku, String productId, boolean closeout, Integer lastPushed, Instant pushedAt, String claimCode,
                 long claimSeq, Integer claimed, int writing, long failures) {

        /** An entry nobody has claimed yet. */
        public Entry(ShopSku sku, String productId, boolean closeout, Integer lastPushed, Instant pushedAt) {
            this(sku, productId, closeout, lastPushed, pushedAt, null, 0, null, 0, 0);
        }

        /** Whether the shop surely shows this figure: no claimer is writing and the last confirmed write was it. */
        public boolean shows(int figure) {
            return writing == 0 && lastPushed != null && lastPushed == figure;
        }
    }

    /** A figure and the sequence of the inputs it was worked out from. */
    record Figure(String stockCode, long sequence, int sellable) {
    }

    /** What a claim got. */
    enum Claim {
        /** Won: write the figure to the shop, then {@link #confirm} (or {@link #failed}). */
        WRITE,
        /** Won, and the shop shows the figure already: nothing to write. */
        KEPT,
        /** A newer figure is claimed: write nothing, its claimer writes. */
        LOST
    }

    /** A claim's outcome; {@code failures} is the entry's count at the claim (for {@link #confirm}). */
    record Claimed(Claim claim, long failures) {
    }

    Map<ShopSku, Entry> find(Collection<ShopSku> skus);

    /** Adds an entry for a SKU found in the shop (its stock as read there), unless the SKU has one already. */
    void remember(Entry entry);

    /** Forgets a SKU (its product was deleted in the shop): it is looked up again next time. */
    void forget(ShopSku sku);

    /**
     * Claims the SKU's stock for {@code figure} unless a claim of a later sequence of the same code is recorded (an
     * equal one wins again: a retry). With {@code keepIfShown}, when the shop surely shows the figure already
     * ({@link Entry#shows}), the claim is recorded without a write ({@link Claim#KEPT}). Creates the entry when absent.
     */
    Claimed claim(ShopSku sku, String productId, boolean closeout, Figure figure, boolean keepIfShown);

    /**
     * After the shop confirmed our write of {@code written}: when the newest claim is still that figure, this claimer
     * is done (and records the figure as shown when it was the only one writing and no write failed since
     * {@code failuresAtClaim}); answers empty. When a newer claim has another figure, answers it: write it to the shop
     * (our write may have landed after the newer claimer's) and confirm again; this claimer stays counted meanwhile.
     */
    OptionalInt confirm(ShopSku sku, int written, long failuresAtClaim, Instant at);

    /** Our write failed (the shop may or may not show it): what the shop shows is unknown now; this claimer is done. */
    void failed(ShopSku sku);
}
