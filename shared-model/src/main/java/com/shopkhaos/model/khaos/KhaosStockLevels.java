package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: the latest stock figure per stock code and site, as Khaos pushed it (DynamoDB table {@code stock}). */
public interface KhaosStockLevels {

    /**
     * Stores each figure unless a later one is already stored (pushes can arrive out of order or twice), then bumps
     * the sequence of each code it stored a figure for ({@code StockVersions}); answers those codes.
     */
    Set<String> record(List<StockLevel> levels);

    /** Every site's latest figure for the code; empty when Khaos never reported it. */
    List<StockLevel> levels(String stockCode);

    /** Every figure (the full reconcile reads them once). */
    List<StockLevel> all();

    /**
     * What Khaos last reported available of the code at a site ({@code KHAOS_SITE} as an id), or over all sites when the
     * site is named rather than numbered; empty when Khaos never reported it (or not at that site).
     */
    default Optional<BigDecimal> availableAt(String stockCode, String site) {
        List<StockLevel> levels = levels(stockCode);
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        if (site.matches("\\d{1,9}")) {
            int id = Integer.parseInt(site);
            return levels.stream().filter(l -> l.site() == id).map(StockLevel::available).findFirst();
        }
        return Optional.of(levels.stream().map(StockLevel::available).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
