package com.shopkhaos.infra.khaos;

import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import java.util.Locale;

/**
 * Khaos Control Cloud's status names, read into the core's words: a sales order's {@code OrderStatus} (Received,
 * Shipping, PartialShip, Complete, Cancelled) and a shipment's {@code ShipmentStatus} (Released, Staging, Payment,
 * Picking, Packing, Shipping, Invoicing, Processing, Issue, AwaitingDate, AwaitingStock, ManualHold, TermsHold,
 * Archived), as the kcc-web-services spec lists them (OrderStatusUpload). Khaos's own word is kept beside the meaning
 * wherever it is stored, so what is stored does not change with this mapping; every adapter that reads a stored status
 * derives its meaning here.
 */
public final class KhaosStatusNames {
    private KhaosStatusNames() {
    }

    public static KhaosOrderProgress progress(String orderStatus) {
        return switch (lower(orderStatus)) {
            case "received" -> KhaosOrderProgress.RECEIVED;
            case "shipping" -> KhaosOrderProgress.SHIPPING;
            case "partialship" -> KhaosOrderProgress.PART_SHIPPED;
            case "complete" -> KhaosOrderProgress.COMPLETE;
            case "cancelled" -> KhaosOrderProgress.CANCELLED;
            default -> KhaosOrderProgress.UNKNOWN;
        };
    }

    /**
     * Every stage and hold before Shipping is still in the warehouse; at Shipping the parcel is being labelled (it can
     * be pulled back); Invoicing means handed to the carrier (the invoice is being raised); Archived means done.
     */
    public static ShipmentStage stage(String shipmentStatus) {
        return switch (lower(shipmentStatus)) {
            case "archived" -> ShipmentStage.ARCHIVED;
            case "invoicing" -> ShipmentStage.INVOICING;
            case "shipping" -> ShipmentStage.SHIPPING;
            default -> ShipmentStage.IN_WAREHOUSE;
        };
    }

    /** A stored shipment with the meaning of its status read again (the stored form keeps Khaos's word only). */
    public static KhaosShipment staged(KhaosShipment shipment) {
        return new KhaosShipment(shipment.id(), shipment.code(), shipment.status(), stage(shipment.status()),
                shipment.items(), shipment.parcels());
    }

    /** A despatches message with the meanings of the statuses it carries read again. */
    public static DespatchNotice read(DespatchNotice notice) {
        return new DespatchNotice(notice.v(), notice.shopId(), notice.orderId(), notice.orderNumber(), notice.khaosOrderCode(),
                notice.khaosStatus(), progress(notice.khaosStatus()),
                notice.shipments().stream().map(KhaosStatusNames::staged).toList(), notice.reason(), notice.at());
    }

    private static String lower(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
