package com.shopkhaos.model.app;

import java.util.Objects;
import java.util.Optional;

/**
 * What the registration handshake answers the shop: the outcome, a sentence saying why, and (when a registration
 * started) the proof and the shop's new secret.
 */
public record RegistrationAnswer(Outcome outcome, String message, Optional<Started> started) {

    public enum Outcome {
        /** Step 1 done: the shop gets the proof and its secret, and confirms next. */
        STARTED,
        /** Step 2 done: the shop's Admin API credentials are stored. */
        CONFIRMED,
        /** Not signed, or signed with the wrong secret, or by a shop we do not know. */
        REFUSED,
        /** Signed, but something the handshake needs is missing or cannot be read. */
        INCOMPLETE,
        /** Could not be stored: the shop may try again. */
        NOT_STORED
    }

    /** The registration's proof (HMAC of shop id, shop URL and app name with the app secret) and the shop's secret. */
    public record Started(String proof, String shopSecret) {
        public Started {
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(shopSecret, "shopSecret");
        }

        @Override
        public String toString() {
            return "Started[proof=" + proof + ", shopSecret=<redacted>]";
        }
    }

    public RegistrationAnswer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        started = started == null ? Optional.empty() : started;
    }

    static RegistrationAnswer of(Outcome outcome, String message) {
        return new RegistrationAnswer(outcome, message, Optional.empty());
    }
}
