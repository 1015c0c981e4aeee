package com.shopkhaos.model.intake;

import java.util.Objects;
import java.util.Optional;

/** What intake answers one webhook delivery: the outcome, a sentence for the shop's log, and the event's id when known. */
public record IntakeAnswer(IntakeOutcome outcome, String message, Optional<String> eventId) {
    public IntakeAnswer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        eventId = eventId == null ? Optional.empty() : eventId;
    }
}
