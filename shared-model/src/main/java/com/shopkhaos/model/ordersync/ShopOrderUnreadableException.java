package com.shopkhaos.model.ordersync;

/** The shop answered with an order we cannot read (a permanent problem: retrying the message will not help). */
public class ShopOrderUnreadableException extends RuntimeException {
    public ShopOrderUnreadableException(String orderId, String reason) {
        super("order " + orderId + " could not be read from the shop: " + reason);
    }
}
