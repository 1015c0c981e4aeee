package com.shopkhaos.model.audit;

import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which findings of a run a person asked for: by severity and kind (none named: all), text found in the subject or
 * either side's value (case ignored), and a page of them. Anything it cannot read is refused with the reason.
 */
public record AuditQuery(Set<AuditSeverity> severities, Set<FindingKind> kinds, String text, int page, int size) {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    /** A request the caller got wrong; the message says what. */
    public static final class BadAuditQueryException extends RefusedRequestException {
        public BadAuditQueryException(String message) {
            super(message);
        }
    }

    public AuditQuery {
        severities = severities.isEmpty() ? EnumSet.noneOf(AuditSeverity.class) : EnumSet.copyOf(severities);
        kinds = kinds.isEmpty() ? EnumSet.noneOf(FindingKind.class) : EnumSet.copyOf(kinds);
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    public static AuditQuery parse(String severities, String kinds, String text, String page, String size) {
        Set<AuditSeverity> wantedSeverities = EnumSet.noneOf(AuditSeverity.class);
        for (String s : names(severities)) {
            try {
                wantedSeverities.add(AuditSeverity.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw new BadAuditQueryException("no severity \"" + s + "\"; they are " + EnumSet.allOf(AuditSeverity.class));
            }
        }
        Set<FindingKind> wantedKinds = EnumSet.noneOf(FindingKind.class);
        for (String k : names(kinds)) {
            try {
                wantedKinds.add(FindingKind.valueOf(k.startsWith("AUDIT_") ? k.substring(6) : k));
            } catch (IllegalArgumentException e) {
                throw new BadAuditQueryException("no finding kind \"" + k + "\"; they are " + EnumSet.allOf(FindingKind.class));
            }
        }
        if (text != null && text.length() > 200) {
            throw new BadAuditQueryException("q is at most 200 characters");
        }
        return new AuditQuery(wantedSeverities, wantedKinds, text, number("page", page, 1, Integer.MAX_VALUE),
                number("size", size, DEFAULT_SIZE, MAX_SIZE));
    }

    /** Names as people type them: {@code blocking}, {@code sku-not-in-khaos}, {@code audit-sku-not-in-khaos}. */
    private static List<String> names(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(list.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT).replace('-', '_'))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static int number(String name, String text, int absent, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 1 || value > max) {
                throw new BadAuditQueryException(name + " must be from 1 to " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadAuditQueryException(name + " must be a whole number, was \"" + text + "\"");
        }
    }

    public boolean matches(AuditFinding f) {
        return (severities.isEmpty() || severities.contains(f.severity())) && (kinds.isEmpty() || kinds.contains(f.kind()))
                && (text.isEmpty() || f.subject().toLowerCase(Locale.ROOT).contains(text)
                || f.shopValue().toLowerCase(Locale.ROOT).contains(text) || f.khaosValue().toLowerCase(Locale.ROOT).contains(text));
    }

    public <T> List<T> page(List<T> all) {
        long from = (long) (page - 1) * size;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
