package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which lines of a day's report a person asked for: by reason (none named: all) and a page of them. Anything it cannot
 * read is refused with the reason, never guessed.
 */
public record ReconciliationQuery(Set<ReconciliationReason> reasons, int page, int size) {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    /** A request the caller got wrong; the message says what. */
    public static final class BadReconciliationQueryException extends RefusedRequestException {
        public BadReconciliationQueryException(String message) {
            super(message);
        }
    }

    public static LocalDate day(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new BadReconciliationQueryException("a day is written 2026-12-04, was \"" + text + "\"");
        }
    }

    public static ReconciliationQuery parse(String reasons, String page, String size) {
        Set<ReconciliationReason> wanted = EnumSet.noneOf(ReconciliationReason.class);
        if (reasons != null && !reasons.isBlank()) {
            for (String r : reasons.split(",")) {
                try {
                    wanted.add(ReconciliationReason.valueOf(r.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    throw new BadReconciliationQueryException("no reason code \"" + r.strip() + "\"; the codes are "
                            + EnumSet.allOf(ReconciliationReason.class));
                }
            }
        }
        return new ReconciliationQuery(wanted, number("page", page, 1, Integer.MAX_VALUE, 1),
                number("size", size, DEFAULT_SIZE, MAX_SIZE, 1));
    }

    private static int number(String name, String text, int absent, int max, int min) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new BadReconciliationQueryException(name + " must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadReconciliationQueryException(name + " must be a whole number, was \"" + text + "\"");
        }
    }

    public boolean matches(ReconciliationLine line) {
        return reasons.isEmpty() || line.findings().stream().anyMatch(f -> reasons.contains(f.reason()))
                || reasons.contains(ReconciliationReason.OK) && line.findings().isEmpty();
    }

    public <T> List<T> page(List<T> all) {
        long from = (long) (page - 1) * size;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
