package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One {@code Shipment} of a SalesOrderStatus: a part of the order in Khaos's Sales Invoice Manager (an invoice),
 * keyed by its {@code ID}; its {@code Code} may change when a person works on it.
 *
 * @param status Khaos's own ShipmentStatus, as Khaos words it (shown to people, kept as sent)
 * @param stage  what that status means (the channel adapter reads it from {@code status}; stored forms keep only the
 *               word, and their adapters read it again: until then, none is taken as still in the warehouse, never as gone)
 */
public record KhaosShipment(String id, String code, String status, ShipmentStage stage, List<Item> items,
                            List<Parcel> parcels) {
    public KhaosShipment {
        Objects.requireNonNull(id, "id");
        stage = stage == null ? ShipmentStage.IN_WAREHOUSE : stage;
        code = code == null ? "" : code;
        status = status == null ? "" : status;
        items = List.copyOf(items);
        parcels = List.copyOf(parcels);
    }

    /**
     * A ShipmentItem: so many units of an order line in this shipment.
     *
     * @param importRef what we sent as the line's ImportRef (the shop's line item id), echoed back
     */
    public record Item(String orderItemId, String shipmentItemId, String sku, BigDecimal quantity, String importRef,
                       String websiteItemRef) {
        public Item {
            Objects.requireNonNull(shipmentItemId, "shipmentItemId");
            Objects.requireNonNull(quantity, "quantity");
            orderItemId = orderItemId == null ? "" : orderItemId;
            sku = sku == null ? "" : sku;
            importRef = importRef == null ? "" : importRef;
            websiteItemRef = websiteItemRef == null ? "" : websiteItemRef;
        }
    }

    /** A ShipmentPackage: a parcel, with the carrier's consignment (tracking) reference when it has one. */
    public record Parcel(String consignmentRef, Courier courier, String shipmentDate) {
        public Parcel {
            consignmentRef = consignmentRef == null ? "" : consignmentRef.trim();
            courier = courier == null ? Courier.NONE : courier;
            shipmentDate = shipmentDate == null ? "" : shipmentDate;
        }
    }

    /** A DataItem naming a courier by any of ID, Code, Name. */
    public record Courier(String id, String code, String name) {
        public static final Courier NONE = new Courier("", "", "");

        public Courier {
            id = id == null ? "" : id;
            code = code == null ? "" : code;
            name = name == null ? "" : name;
        }

        /** How people would name it: its code, else its name, else its id. */
        public String label() {
            return !code.isEmpty() ? code : !name.isEmpty() ? name : id;
        }
    }
}
