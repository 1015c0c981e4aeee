package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.ShopOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the shop's orders, read through its Admin API. A transient failure (timeout, 5xx, throttling)
 * throws, so the message is delivered again; an order the shop does not have is empty.
 */
public interface ShopOrders {

    /** The order as the shop has it now, with its lines, deliveries and payments; empty when it was deleted. */
    Optional<ShopOrder> fetch(String shopId, String orderId);

    /** Orders created or changed (the order or one of its payments) in {@code [from, to)}, oldest first. */
    List<ChangedOrder> changedBetween(String shopId, Instant from, Instant to);

    /** An order the sweep found: its id and number. */
    record ChangedOrder(String orderId, String orderNumber) {
    }
}
