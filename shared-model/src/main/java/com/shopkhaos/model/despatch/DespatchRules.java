package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosShipment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Khaos shipment's status means, and which report of a shipment to keep.
 *
 * <p>A shipment is a part of the order moving through Khaos's Sales Invoice Manager: Staging, Payment, Picking,
 * Packing, Shipping, Invoicing, Issue, then Archived (holds such as ManualHold, AwaitingStock, TermsHold can stop it on
 * the way). {@code Issue} is most likely the "Issue Invoices" stage after Invoicing (Khaos on premises numbers it 16,
 * between Invoice Print 15 and Future Date 17); the spec does not say, so it is read as still in the warehouse: at worst
 * the shop hears at Archived, never early.
 * It has <b>left the warehouse</b> once it is past the Shipping stage: {@code Invoicing} (labels printed and the
 * parcel handed over; the invoice is being raised) or {@code Archived} (done). At {@code Shipping} the parcel is
 * still being labelled and can be pulled back, so nothing is written to the shop yet.
 *
 * <p>KCC's pushes carry no version and may be resent or overtaken. Stages only move forward, so a report of a
 * shipment at an earlier stage than the one kept is older and changes nothing; a report at the same or a later stage
 * replaces it, keeping any consignment reference seen before (tracking codes are never taken back).
 */
public final class DespatchRules {
    private DespatchRules() {
    }

    public static boolean hasLeft(KhaosShipment shipment) {
        return shipment.stage().hasLeftWarehouse();
    }

    /** The shipment to keep when {@code incoming} reports one already kept as {@code kept} (null: none yet). */
    public static KhaosShipment merge(KhaosShipment kept, KhaosShipment incoming) {
        if (kept == null) {
            return incoming;
        }
        if (incoming.stage().compareTo(kept.stage()) < 0) {
            return kept;
        }
        List<KhaosShipment.Item> items = new ArrayList<>(incoming.items());
        if (hasLeft(kept)) {
            // what left the warehouse cannot un-leave it: a later report missing an item keeps it
            Map<String, KhaosShipment.Item> byId = new LinkedHashMap<>();
            kept.items().forEach(i -> byId.put(i.shipmentItemId(), i));
            incoming.items().forEach(i -> byId.put(i.shipmentItemId(), i));
            items = new ArrayList<>(byId.values());
        }
        List<KhaosShipment.Parcel> parcels = new ArrayList<>(incoming.parcels());
        for (KhaosShipment.Parcel old : kept.parcels()) {
            boolean seen = old.consignmentRef().isEmpty()
                    || parcels.stream().anyMatch(p -> p.consignmentRef().equals(old.consignmentRef()));
            if (!seen) {
                parcels.add(old);
            }
        }
        return new KhaosShipment(incoming.id(), incoming.code(), incoming.status(), incoming.stage(), items, parcels);
    }
}
