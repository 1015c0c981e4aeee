package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Khaos Control stock item as our channel keeps it (from {@code StockUpload}).
 *
 * @param stockId         Khaos's stable id
 * @param stockCode       the stock code orders refer to; can change in Khaos
 * @param otherRef        Khaos's alternative reference, empty when none
 * @param taxRateCode     Khaos's tax rate code (e.g. "1")
 * @param taxRatePercent  the percentage that code means, by our configuration; empty when the code is not configured
 * @param stockControlled false for items whose stock Khaos does not count (build items, services, discounts)
 * @param deleted         true once Khaos reported the item deleted (kept, so orders and audits can say so)
 * @param listing         its prices and barcodes; empty for an item last pushed before the channel kept them (the next
 *                        StockUpload of it brings them)
 */
public record CatalogueItem(
        String stockId,
        String stockCode,
        String description,
        String otherRef,
        String taxRateCode,
        Optional<BigDecimal> taxRatePercent,
        boolean discontinued,
        boolean runToZero,
        boolean stockControlled,
        boolean publishOnWeb,
        boolean nonPhysical,
        boolean deleted,
        Instant updatedAt,
        Optional<ItemListing> listing) {

    public CatalogueItem {
        Objects.requireNonNull(stockId, "stockId");
        Objects.requireNonNull(stockCode, "stockCode");
        Objects.requireNonNull(updatedAt, "updatedAt");
        description = description == null ? "" : description;
        otherRef = otherRef == null ? "" : otherRef;
        taxRateCode = taxRateCode == null ? "" : taxRateCode;
        taxRatePercent = taxRatePercent == null ? Optional.empty() : taxRatePercent;
        listing = listing == null ? Optional.empty() : listing;
    }

    /** An item without prices and barcodes known (pushed before the channel kept them, or made in a test). */
    public CatalogueItem(String stockId, String stockCode, String description, String otherRef, String taxRateCode,
                         Optional<BigDecimal> taxRatePercent, boolean discontinued, boolean runToZero, boolean stockControlled,
                         boolean publishOnWeb, boolean nonPhysical, boolean deleted, Instant updatedAt) {
        this(stockId, stockCode, description, otherRef, taxRateCode, taxRatePercent, discontinued, runToZero, stockControlled,
                publishOnWeb, nonPhysical, deleted, updatedAt, Optional.empty());
    }

    /** The same item, marked deleted. */
    public CatalogueItem asDeleted(Instant at) {
        return new CatalogueItem(stockId, stockCode, description, otherRef, taxRateCode, taxRatePercent, discontinued,
                runToZero, stockControlled, publishOnWeb, nonPhysical, true, at, listing);
    }
}
