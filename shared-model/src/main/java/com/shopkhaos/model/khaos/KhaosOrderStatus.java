package com.shopkhaos.model.khaos;

/**
 * One {@code SalesOrderStatus} from Khaos's OrderStatusUpload.
 *
 * @param orderCode     Khaos's order code (e.g. SO05001)
 * @param orderId       Khaos's order id
 * @param status        Received, Shipping, PartialShip, Complete or Cancelled
 * @param associatedRef the shop's order number, as we sent it
 * @param customData    the shop's order id, as we sent it; may be empty
 * @param shipments     the order's shipments as Khaos has them now (whole order or part, despatched or not)
 */
public record KhaosOrderStatus(String orderCode, String orderId, String status, String associatedRef, String customData,
                               java.util.List<KhaosShipment> shipments) {
    public KhaosOrderStatus {
        shipments = shipments == null ? java.util.List.of() : java.util.List.copyOf(shipments);
    }

    public KhaosOrderStatus(String orderCode, String orderId, String status, String associatedRef, String customData) {
        this(orderCode, orderId, status, associatedRef, customData, java.util.List.of());
    }

    public boolean isCancelled() {
        return "Cancelled".equalsIgnoreCase(status);
    }
}
