package com.shopkhaos.model.khaos;

/**
 * Where Khaos Control has a sales order (the OrderStatus of an OrderStatusUpload), in the core's words. The channel
 * adapter maps Khaos's own names; a name it does not know is {@code UNKNOWN}, which no flow acts on.
 */
public enum KhaosOrderProgress {
    RECEIVED, SHIPPING, PART_SHIPPED, COMPLETE, CANCELLED, UNKNOWN;

    public boolean isCancelled() {
        return this == CANCELLED;
    }
}
