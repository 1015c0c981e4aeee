package com.shopkhaos.model.onpremises;

import com.shopkhaos.model.khaos.StockLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: Khaos Control on premises, which we call (its SOAP web service), unlike Khaos Control Cloud, which calls us.
 * The adapter says what Khaos answered in the core's words; each failure mode is its own exception.
 */
public interface OnPremisesKhaos {

    /**
     * What Khaos answered for the orders of one call.
     *
     * @param imported the shop's order number (ASSOCIATED_REF) → Khaos's sales order code, for each it imported
     * @param skipped  the shop's order number → Khaos's reason, for each it declined
     */
    record Answer(Map<String, String> imported, Map<String, String> skipped) {
        public Answer {
            imported = Map.copyOf(imported);
            skipped = Map.copyOf(skipped);
        }
    }

    /** Sends the orders (as order-sync wrote them for this platform) in one call. */
    Answer importOrders(List<String> salesOrders);

    /** The shop's order number → Khaos's sales order code, for each of these Khaos has (nothing for the rest). */
    Map<String, String> imported(Collection<String> orderNumbers);

    /**
     * The stock levels at a site that changed since {@code since} (every level when empty), each as received
     * {@code at}: Khaos's level is the units available to sell.
     */
    List<StockLevel> stockChangedSince(Optional<Instant> since, int site, Instant at);

    /** Khaos is not there, or says it is unavailable: nothing was done. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** No answer that can be read: whether the call was carried out is not known. */
    final class NoAnswerException extends RuntimeException {
        public NoAnswerException(String message) {
            super(message);
        }
    }

    /** Khaos refused the whole call (a SOAP fault): for one order, nothing was imported; for several, it is not known. */
    final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }
}
