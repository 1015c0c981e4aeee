package com.shopkhaos.model.khaos;

/** Applies one order status from Khaos's OrderStatusUpload (the channel calls it for each entry it could read). */
@FunctionalInterface
public interface OrderStatusHandler {
    KhaosOrderStatusRecorder.Effect apply(KhaosOrderStatus status);
}
