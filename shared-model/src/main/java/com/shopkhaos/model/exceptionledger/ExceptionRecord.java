package com.shopkhaos.model.exceptionledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One problem for a person, in the exception ledger. The id is deterministic (type + subject),
 * so the same problem seen again updates the same record instead of adding another.
 *
 * @param subject         what it is about: an order number, a SKU, a webhook's hash …
 * @param reason          what went wrong this time, in plain words
 * @param evidence        the raw material (e.g. the message that could not be read); may be empty
 * @param occurrences     how many times it was raised
 */
public record ExceptionRecord(
        String id,
        ExceptionType type,
        String subject,
        ExceptionStatus status,
        String reason,
        String suggestedAction,
        String evidence,
        Instant createdAt,
        Instant lastSeenAt,
        long occurrences,
        Instant resolvedAt,
        String resolvedBy) {

    public ExceptionRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("an exception needs a subject");
        }
        if (!id.equals(idFor(type, subject))) {
            throw new IllegalArgumentException("id must be type#subject, was " + id);
        }
        reason = reason == null ? "" : reason;
        suggestedAction = suggestedAction == null ? type.suggestedAction() : suggestedAction;
        evidence = evidence == null ? "" : evidence;
        resolvedBy = resolvedBy == null ? "" : resolvedBy;
    }

    public static String idFor(ExceptionType type, String subject) {
        return type.name() + "#" + subject;
    }

    /** A newly raised problem. */
    public static ExceptionRecord open(ExceptionType type, String subject, String reason, String evidence, Instant at) {
        return new ExceptionRecord(idFor(type, subject), type, subject, ExceptionStatus.OPEN, reason,
                type.suggestedAction(), evidence, at, at, 1, null, null);
    }

    public ExceptionRecord resolved(String by, Instant at) {
        return new ExceptionRecord(id, type, subject, ExceptionStatus.RESOLVED, reason, suggestedAction, evidence,
                createdAt, lastSeenAt, occurrences, at, by);
    }
}
