package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What Khaos last said is available of a stock code at one site (from {@code StockStatusUpload}):
 * {@code Levels.Available} (physical minus allocated) for stock-controlled items, else
 * {@code RelationshipPotential.FromChildren} (what a build item's parts can make).
 *
 * @param receivedAt when the push carrying it arrived; a figure is replaced only by a later one
 */
public record StockLevel(String stockCode, String stockId, int site, BigDecimal available, Instant receivedAt) {
    public StockLevel {
        Objects.requireNonNull(stockCode, "stockCode");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(receivedAt, "receivedAt");
        stockId = stockId == null ? "" : stockId;
    }
}
