package com.shopkhaos.model.returns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the shop did that may send goods back into Khaos as a customer return. */
public enum ReturnCause {
    /** The payment was refunded in full. */
    FULL_REFUND,
    /** Part of the payment was refunded. */
    PARTIAL_REFUND,
    /** The card scheme took the payment back. */
    CHARGEBACK,
    /** The order was cancelled in the shop. */
    CANCELLED_IN_SHOP,
    /** A person picked the items coming back in the console. */
    PICKED_BY_PERSON;

    /** The words a person maps a Khaos return reason to ({@code full-refund}, {@code chargeback} …). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A {@code RETURN_REASON} mapping's key for a reason the shop gave (Commercial's return reasons, by their
     * {@code reasonKey}): {@code reason:<key>}, taken before the cause's own mapping.
     */
    public static final String SHOP_REASON_PREFIX = "reason:";

    /** The mapping key for a reason the shop gave. */
    public static String shopReasonKey(String reasonKey) {
        return SHOP_REASON_PREFIX + reasonKey.strip().toLowerCase(Locale.ROOT);
    }

    /** The cause of a mapping's key ({@link #key()}), if it names one. */
    public static Optional<ReturnCause> ofKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equalsIgnoreCase(key == null ? "" : key.strip())).findFirst();
    }

    /** Whether the whole order comes back: everything despatched and not back yet. */
    public boolean wholeOrder() {
        return this != PARTIAL_REFUND && this != PICKED_BY_PERSON;
    }
}
