package com.shopkhaos.model.ordersync;

import java.util.Locale;

/** When a valid order may go to Khaos Control (a setting). */
public enum ReadinessPolicy {
    /** As soon as it is placed, paid or not. */
    ON_PLACED,
    /** Once a payment is paid or authorized; on-account payment methods are ready when placed. */
    ON_PAID;

    /**
     * Reads {@code placed} or {@code paid}; anything else is refused with the allowed values.
     *
     * @param setting what the refusal calls the setting (the caller knows its name)
     */
    public static ReadinessPolicy parse(String text, String setting) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "placed", "on_placed", "on-placed" -> ON_PLACED;
            case "paid", "on_paid", "on-paid" -> ON_PAID;
            default -> throw new IllegalArgumentException(setting + " must be \"placed\" or \"paid\", was \"" + text + "\"");
        };
    }
}
