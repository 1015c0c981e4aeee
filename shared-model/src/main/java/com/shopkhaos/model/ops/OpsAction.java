package com.shopkhaos.model.ops;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a person did from the ops console: resolved an exception (with a note), retried it, retried every
 * exception of a type, saved a mapping. Kept per subject (an exception id, or {@code mapping#<kind>#<key>}).
 */
public record OpsAction(String subject, String action, String by, String note, Instant at) {
    public OpsAction {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        by = by == null || by.isBlank() ? "unknown" : by;
        note = note == null ? "" : note;
    }
}
