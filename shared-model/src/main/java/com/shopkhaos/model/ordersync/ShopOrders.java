package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.returns.ShopReturnLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the shop's orders, read through its Admin API. A transient failure (timeout, 5xx, throttling)
 * throws, so the message is delivered again; an order the shop does not have is empty.
 */
public interface ShopOrders {

    /** The order as the shop has it now, with its lines, deliveries and payments; empty when it was deleted. */
    Optional<ShopOrder> fetch(String shopId, String orderId);

    /** Orders created or changed (the order or one of its payments) in {@code [from, to)}, oldest first. */
    List<ChangedOrder> changedBetween(String shopId, Instant from, Instant to);

    /**
     * Every order placed (by its order date and time) in {@code [from, to)}, whole, handed over a page at a time, oldest
     * first, so a day of many thousands is never all in memory at once.
     */
    void placedBetween(String shopId, Instant from, Instant to, Consumer<List<ShopOrder>> eachPage);

    /** These orders as the shop has them now, whole, by id; ones it no longer has are left out. */
    List<ShopOrder> fetchAll(String shopId, Collection<String> orderIds);

    /** These orders as the shop has them now, whole, by order number; ones it does not have are left out. */
    List<ShopOrder> byOrderNumbers(String shopId, Collection<String> orderNumbers);

    /**
     * What the payment extensions recorded as refunded of each of the order's payments (Shopware's capture refunds, those
     * completed), by transaction id; a payment without such records is left out. Empty when the shop will
     * not show them (the app's version that may read them is not accepted yet).
     */
    Optional<Map<String, BigDecimal>> refundedAmounts(String shopId, String orderId);

    /**
     * The order lines and units the shop's own returns of the order name (Shopware Commercial's returns management:
     * {@code order_return} and its line items), per line in all; empty when the shop cannot say (it has no returns
     * management, or the app's version that may read them is not accepted yet). An empty list: it has, and names none.
     */
    default Optional<List<ShopReturnLine>> returnedLines(String shopId, String orderId) {
        return Optional.empty();
    }

    /** An order the sweep found: its id and number. */
    record ChangedOrder(String orderId, String orderNumber) {
    }
}
