package com.shopkhaos.model.events;

/** What happened to an order in the shop, as the order-sync flow needs to know it. */
public enum OrderEventType {
    ORDER_PLACED,
    PAYMENT_PAID,
    PAYMENT_AUTHORIZED,
    ORDER_CANCELLED
}
