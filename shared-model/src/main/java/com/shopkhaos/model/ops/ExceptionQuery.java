package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A list of exceptions as a person asks for it: by status ({@code OPEN} unless asked), of some types, older or newer
 * than some hours, matching a search (an order number, a SKU, a courier: anywhere in the subject or the reason), newest
 * first, a page at a time.
 *
 * @param status   empty: open and resolved
 * @param search   lower case, empty for none
 * @param page     from 1
 */
public record ExceptionQuery(Optional<ExceptionStatus> status, Set<ExceptionType> types, Optional<Duration> olderThan,
                             Optional<Duration> newerThan, String search, int page, int size) {
    public static final int MAX_SIZE = 200;

    /** A parameter a person (or a script) got wrong, said plainly. */
    public static final class BadQueryException extends IllegalArgumentException {
        public BadQueryException(String message) {
            super(message);
        }
    }

    public ExceptionQuery {
        types = types.isEmpty() ? Set.of() : Set.copyOf(types);
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    }

    /** From query parameters: status (OPEN, RESOLVED, ALL), type (comma-separated), olderThanHours, newerThanHours, q, page, size. */
    public static ExceptionQuery parse(Map<String, String> params) {
        String statusText = params.getOrDefault("status", "OPEN").strip().toUpperCase(Locale.ROOT);
        Optional<ExceptionStatus> status;
        switch (statusText) {
            case "", "OPEN" -> status = Optional.of(ExceptionStatus.OPEN);
            case "RESOLVED" -> status = Optional.of(ExceptionStatus.RESOLVED);
            case "ALL" -> status = Optional.empty();
            default -> throw new BadQueryException("status must be OPEN, RESOLVED or ALL, not \"" + statusText + "\"");
        }
        Set<ExceptionType> types = EnumSet.noneOf(ExceptionType.class);
        for (String t : params.getOrDefault("type", "").split(",")) {
            if (t.isBlank()) {
                continue;
            }
            try {
                types.add(ExceptionType.valueOf(t.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new BadQueryException("no exception type \"" + t.strip() + "\"");
            }
        }
        String q = params.getOrDefault("q", "");
        if (q.length() > 100) {
            throw new BadQueryException("a search is at most 100 characters");
        }
        return new ExceptionQuery(status, types, hours(params, "olderThanHours"), hours(params, "newerThanHours"), q,
                number(params, "page", 1, 1, 100_000), number(params, "size", 50, 1, MAX_SIZE));
    }

    private static Optional<Duration> hours(Map<String, String> params, String name) {
        String text = params.getOrDefault(name, "").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            double h = Double.parseDouble(text);
            if (h < 0 || h > 24 * 366 || Double.isNaN(h)) {
                throw new NumberFormatException();
            }
            return Optional.of(Duration.ofSeconds(Math.round(h * 3600)));
        } catch (NumberFormatException e) {
            throw new BadQueryException(name + " must be a number of hours from 0 to 8784, not \"" + text + "\"");
        }
    }

    private static int number(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.getOrDefault(name, "").strip();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadQueryException(name + " must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
        }
    }
}
