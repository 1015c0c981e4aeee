package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Port: in-flight quantities per stock code (DynamoDB table {@code in-flight}: one item per code and order,
 * so a code's total is one query, never a scan of orders). Every change (hold, release, imported) bumps the
 * sequence of each code it touched ({@link StockVersions}) after its writes, also when a retry finds the write done.
 */
public interface InFlightOrders {

    /** The order holds these quantities (replacing what it held before); answers the codes whose hold changed. */
    Set<String> hold(String orderId, String orderNumber, Map<String, Integer> quantityByStockCode, Instant at);

    /** The order holds nothing any more (withdrawn before Khaos had it); answers the codes it held. */
    Set<String> release(String orderId);

    /** Khaos has the order since {@code at}; its holds count until Khaos's figures are later; answers their codes. */
    Set<String> imported(String orderId, Instant at);

    /** Removes holds Khaos's figures have caught up with (housekeeping). */
    void forget(String stockCode, String orderId);

    List<InFlightHold> holds(String stockCode);

    /** Every hold (the full reconcile reads them once). */
    List<InFlightHold> all();
}
