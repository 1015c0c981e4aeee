package com.shopkhaos.model.khaos;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the Khaos catalogue as our channel received it (DynamoDB table {@code khaos-catalogue}). */
public interface KhaosCatalogue {

    /** Stores the items and marks the deleted ones; applying the same change twice leaves the same catalogue. */
    void apply(CatalogueChange change, Instant at);

    Optional<CatalogueItem> byStockId(String stockId);

    /** The item currently carrying this stock code (codes can move between items; the newest wins). */
    Optional<CatalogueItem> byStockCode(String stockCode);

    /** A page of the catalogue in stock id order, after {@code afterStockId} (empty: from the start). */
    List<CatalogueItem> page(String afterStockId, int limit);
}
