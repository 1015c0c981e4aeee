package com.shopkhaos.model.order;

import java.util.Locale;

/**
 * The states and state changes of a shop order, its deliveries and its payments that the flows decide on, in the core's
 * words. The shop adapter maps the shop's own state machine names to these and these to its transitions; the core never
 * compares or builds the shop's strings.
 */
public final class ShopStates {
    private ShopStates() {
    }

    /** Where the shop order is: open, in progress (processing), completed, cancelled, or a state the write-back never acts on. */
    public enum ShopOrderState {
        OPEN, IN_PROGRESS, COMPLETED, CANCELLED, OTHER;

        /** Processing or not yet started: the order can still follow its delivery or be cancelled. */
        public boolean isActive() {
            return this == OPEN || this == IN_PROGRESS;
        }
    }

    /** Where the delivery is. */
    public enum ShopDeliveryState {
        OPEN, SHIPPED_PARTIALLY, SHIPPED, RETURNED_PARTIALLY, RETURNED, CANCELLED, OTHER;

        public String label() {
            return words(name());
        }
    }

    /** Where a payment transaction is; only paid (in full or in part) and authorized make an order ready when paid. */
    public enum ShopPaymentState {
        OPEN, AUTHORIZED, PAID_PARTIALLY, PAID, REFUNDED_PARTIALLY, REFUNDED, CHARGEBACK, CANCELLED, FAILED, OTHER;

        /** Money taken: paid in full or in part. */
        public boolean isPaid() {
            return this == PAID || this == PAID_PARTIALLY;
        }

        /** Money given back (in full or in part) or taken back by the card scheme. */
        public boolean isRefund() {
            return this == REFUNDED || this == REFUNDED_PARTIALLY || this == CHARGEBACK;
        }
    }

    /** A change of the delivery's state that sends the shop's mail to the customer. */
    public enum DeliveryChange {
        SHIP, SHIP_PARTIALLY, CANCEL;

        public String label() {
            return words(name());
        }
    }

    /** A change of the order's state. */
    public enum OrderChange {
        PROCESS, COMPLETE, CANCEL;

        public String label() {
            return words(name());
        }
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
