package com.shopkhaos.model.despatch;

import java.util.Locale;

/**
 * How despatches are written back.
 *
 * @param orderStateFollows  move the shop's order too: {@code process} on the first shipment, {@code complete} when
 *                           everything has shipped (SHOP_ORDER_STATE_FOLLOWS, default true)
 * @param khaosCancellation  what a cancellation in Khaos does to an order nothing of which shipped
 *                           (KHAOS_CANCELLATION: {@code exception}, the default, or {@code cancel-order})
 * @param alertAfterAttempts the try on which a failing write-back is put in front of a person: the queue's
 *                           maxReceiveCount, so the alert comes as the message goes to the DLQ (WRITEBACK_ATTEMPTS)
 */
public record DespatchSettings(boolean orderStateFollows, KhaosCancellation khaosCancellation, int alertAfterAttempts) {

    /** What to do when Khaos cancels an order. */
    public enum KhaosCancellation {
        /** Put it in front of a person (refunds are theirs to decide). */
        EXCEPTION,
        /** Cancel the order (and its open delivery) in the shop. */
        CANCEL_ORDER;

        /** @param setting what the refusal calls the setting (the caller knows its name) */
        public static KhaosCancellation parse(String text, String setting) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "", "exception" -> EXCEPTION;
                case "cancel-order" -> CANCEL_ORDER;
                default -> throw new IllegalArgumentException(setting + " must be exception or cancel-order, was \"" + text + "\"");
            };
        }
    }

    public DespatchSettings {
        if (khaosCancellation == null) {
            khaosCancellation = KhaosCancellation.EXCEPTION;
        }
        if (alertAfterAttempts < 1) {
            throw new IllegalArgumentException("the try that puts a failing write-back in front of a person must be at least 1, was "
                    + alertAfterAttempts);
        }
    }

    public static final DespatchSettings DEFAULTS = new DespatchSettings(true, KhaosCancellation.EXCEPTION, 5);
}
