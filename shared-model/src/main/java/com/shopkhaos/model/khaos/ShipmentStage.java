package com.shopkhaos.model.khaos;

/**
 * How far a shipment (an invoice in Khaos's Sales Invoice Manager) has come, in order: still in the warehouse (every
 * stage and hold before Shipping), being labelled (Shipping: it can still be pulled back), handed to the carrier and
 * being invoiced, or done (archived). The channel adapter maps Khaos's ShipmentStatus names to these.
 */
public enum ShipmentStage {
    IN_WAREHOUSE, SHIPPING, INVOICING, ARCHIVED;

    /** Past the Shipping stage: the parcel has left the warehouse and the shop may be told. */
    public boolean hasLeftWarehouse() {
        return this == INVOICING || this == ARCHIVED;
    }
}
