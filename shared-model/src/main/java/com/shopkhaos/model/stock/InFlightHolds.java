package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Port: the in-flight holds as stored (DynamoDB table {@code in-flight}: one item per stock code and order, so a code's
 * total is one query, never a scan of orders). It stores what it is given; what an order holds, and when, is worked out
 * by {@link InFlightOrders}.
 */
public interface InFlightHolds {

    /** The stock codes the order has a hold of. */
    Set<String> codesOf(String orderId);

    /**
     * Stores the hold, replacing the order's hold of that code, but never its import mark: a hold written again after
     * Khaos reported the order keeps when Khaos had it.
     */
    void store(InFlightHold hold);

    /** Khaos has the order since {@code at}: recorded on its hold of the code unless recorded already, or the hold is gone. */
    void imported(String stockCode, String orderId, Instant at);

    void forget(String stockCode, String orderId);

    /** The code's holds (0 included). */
    List<InFlightHold> holds(String stockCode);

    /** Every hold (0 included). */
    List<InFlightHold> all();
}
