package com.shopkhaos.model.ordersync;

/** When a valid order may go to Khaos Control (a setting; the configuration adapter reads its words). */
public enum ReadinessPolicy {
    /** As soon as it is placed, paid or not. */
    ON_PLACED,
    /** Once a payment is paid or authorized; on-account payment methods are ready when placed. */
    ON_PAID
}
