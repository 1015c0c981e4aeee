package com.shopkhaos.model.khaos;

import java.util.List;

/** A StockStatusUpload as read: the figures that could be read, and each entry that could not (as its JSON). */
public record StockStatusUpload(List<StockLevel> levels, List<String> unreadableEntries) {
    public StockStatusUpload {
        levels = List.copyOf(levels);
        unreadableEntries = List.copyOf(unreadableEntries);
    }
}
