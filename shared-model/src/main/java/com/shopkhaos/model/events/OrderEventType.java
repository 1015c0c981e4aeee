package com.shopkhaos.model.events;

/** What happened to an order in the shop, as the order-sync flow needs to know it. */
public enum OrderEventType {
    ORDER_PLACED,
    PAYMENT_PAID,
    PAYMENT_AUTHORIZED,
    ORDER_CANCELLED,
    /** A payment was refunded in full or in part, or charged back by the card scheme. */
    PAYMENT_REFUNDED,
    /** The sweep found the order in the shop without a webhook, or found it changed while it waits. */
    FOUND_BY_SWEEP,
    /** A person asked for the order to be checked again (after fixing a mapping, say). */
    RETRY_REQUESTED
}
