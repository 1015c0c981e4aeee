package com.shopkhaos.model.khaos;

import java.util.List;

/** One {@code StockUpload}: items added or changed, and the stock ids Khaos deleted. */
public record CatalogueChange(List<CatalogueItem> items, List<String> deletedStockIds) {
    public CatalogueChange {
        items = List.copyOf(items);
        deletedStockIds = List.copyOf(deletedStockIds);
    }
}
