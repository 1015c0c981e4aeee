package com.shopkhaos.model.khaos;

import java.util.List;
import java.util.Objects;

/**
 * One {@code SalesOrderStatus} from Khaos's OrderStatusUpload.
 *
 * @param orderCode     Khaos's order code (e.g. SO05001)
 * @param orderId       Khaos's order id
 * @param status        Khaos's own OrderStatus, as Khaos words it (shown to people)
 * @param progress      what that status means (the channel adapter reads it from {@code status})
 * @param associatedRef the shop's order number, as we sent it
 * @param customData    the shop's order id, as we sent it; may be empty
 * @param shipments     the order's shipments as Khaos has them now (whole order or part, despatched or not)
 */
public record KhaosOrderStatus(String orderCode, String orderId, String status, KhaosOrderProgress progress,
                               String associatedRef, String customData, List<KhaosShipment> shipments) {
    public KhaosOrderStatus {
        Objects.requireNonNull(progress, "progress");
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
    }

    public boolean isCancelled() {
        return progress.isCancelled();
    }
}
