package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosShipment;
import java.time.Instant;
import java.util.Map;

/**
 * Port: every shipment Khaos reported for an order, keyed by order id and shipment {@code ID} (never by its
 * {@code Code}, which people can change). DynamoDB table {@code shipments}. Shipped quantities are always worked out
 * again from this set, so a resent push cannot count twice.
 */
public interface ShipmentBook {

    /** A kept shipment with the version its next write must match. */
    record Kept(KhaosShipment shipment, long version) {
    }

    /** The order's shipments by shipment ID. */
    Map<String, Kept> forOrder(String orderId);

    /**
     * Writes {@code shipment} if what is kept is still at {@code expectedVersion} (0: nothing kept yet); false when
     * another writer came first.
     */
    boolean put(String orderId, KhaosShipment shipment, long expectedVersion);

    /**
     * Takes the order's write-back for {@code owner} until {@code until}, unless another owner holds it and its time has
     * not run out: one write-back per order at a time, so one working from older shipments can never overwrite the
     * tracking codes another just wrote (the shop takes the whole list on every write).
     */
    boolean lockWriteback(String orderId, String owner, Instant until, Instant now);

    /** Gives the order's write-back back (only if {@code owner} still holds it). */
    void unlockWriteback(String orderId, String owner);
}
