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
    RETRY_REQUESTED;

    /**
     * Whether one handling serves this event and another of its order's that shares one, in one batch. Until Khaos has
     * an order, order-sync decides from the order as the shop shows it when read, whatever the event said, and once
     * Khaos has it these events change nothing: so an order's placed and paid webhooks need one read of the shop and
     * one translation, not two. A cancellation, a refund, the sweep's finding and a person's retry each do work of
     * their own after Khaos has the order, and are always handled on their own.
     */
    public boolean sharesAHandling() {
        return this == ORDER_PLACED || this == PAYMENT_PAID || this == PAYMENT_AUTHORIZED;
    }
}
