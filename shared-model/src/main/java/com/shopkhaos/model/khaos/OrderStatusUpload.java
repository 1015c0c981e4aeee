package com.shopkhaos.model.khaos;

import java.util.List;

/**
 * An OrderStatusUpload as read: the statuses that could be read, and a note for each entry that could
 * not (kept for a person; the rest still apply).
 */
public record OrderStatusUpload(List<KhaosOrderStatus> statuses, List<String> unreadableEntries) {
    public OrderStatusUpload {
        statuses = List.copyOf(statuses);
        unreadableEntries = List.copyOf(unreadableEntries);
    }
}
