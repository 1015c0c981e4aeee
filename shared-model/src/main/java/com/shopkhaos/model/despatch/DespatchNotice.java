package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosShipment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code despatches} message: Khaos reported something for an order the shop must hear about (a shipment that
 * left the warehouse, or a cancellation). It carries what Khaos reported, so the write-back never depends on
 * whether the channel had stored it yet.
 *
 * @param v           message version (1)
 * @param khaosStatus   Khaos's own OrderStatus in the report, as Khaos words it (for people)
 * @param khaosProgress what that status means (the adapter that reads the message derives it from {@code khaosStatus})
 * @param shipments   the shipments in the report that left the warehouse and were new or changed
 * @param reason      why it was sent, for the log and the ledger
 */
public record DespatchNotice(int v, String shopId, String orderId, String orderNumber, String khaosOrderCode,
                             String khaosStatus, KhaosOrderProgress khaosProgress, List<KhaosShipment> shipments,
                             String reason, Instant at) {
    public static final int VERSION = 1;

    public DespatchNotice {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        shopId = shopId == null ? "" : shopId;
        orderNumber = orderNumber == null ? "" : orderNumber;
        khaosOrderCode = khaosOrderCode == null ? "" : khaosOrderCode;
        khaosStatus = khaosStatus == null ? "" : khaosStatus;
        khaosProgress = khaosProgress == null ? KhaosOrderProgress.UNKNOWN : khaosProgress;
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
        reason = reason == null ? "" : reason;
    }

    public boolean isCancellation() {
        return khaosProgress.isCancelled();
    }
}
