package com.shopkhaos.model.khaos;

import java.util.List;
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
}
