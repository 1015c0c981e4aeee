package com.shopkhaos.model.khaos;

/**
 * One {@code SalesOrderStatus} from Khaos's OrderStatusUpload.
 *
 * @param orderCode     Khaos's order code (e.g. SO05001)
 * @param orderId       Khaos's order id
 * @param status        Received, Shipping, PartialShip, Complete or Cancelled
 * @param associatedRef the shop's order number, as we sent it
 * @param customData    the shop's order id, as we sent it; may be empty
 */
public record KhaosOrderStatus(String orderCode, String orderId, String status, String associatedRef, String customData) {
    public boolean isCancelled() {
        return "Cancelled".equalsIgnoreCase(status);
    }
}
