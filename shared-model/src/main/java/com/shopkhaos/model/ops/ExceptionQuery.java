package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A list of exceptions as a person asks for it: by status ({@code OPEN} unless asked), of some types, older or newer
 * than some hours, matching a search (an order number, a SKU, a courier: anywhere in the subject or the reason). Open
 * ones come newest first (by last seen), a numbered page at a time; resolved ones the most recently resolved first, from
 * a cursor (the last answer's {@code next}), so reading them never costs more than a page however many there are.
 *
 * @param status   empty: open and resolved (the open ones first)
 * @param search   lower case, empty for none
 * @param page     from 1 (open problems only)
 * @param cursor   where a list with resolved problems carries on; empty: from its start
 */
public record ExceptionQuery(Optional<ExceptionStatus> status, Set<ExceptionType> types, Optional<Duration> olderThan,
                             Optional<Duration> newerThan, String search, int page, int size, Optional<ListCursor> cursor) {
    public static final int MAX_SIZE = 200;

    /** A parameter a person (or a script) got wrong, said plainly. */
    public static final class BadQueryException extends RefusedRequestException {
        public BadQueryException(String message) {
            super(message);
        }
    }

    /**
     * Where a list with resolved problems carries on: at an offset into the open ones (status ALL), or after a resolved
     * one (the ledger's own cursor; empty: from the most recently resolved). {@link #token()} is what the answer's
     * {@code next} holds.
     */
    public sealed interface ListCursor {
        String token();

        record OpenFrom(int offset) implements ListCursor {
            @Override
            public String token() {
                return "o" + offset;
            }
        }

        record ResolvedAfter(Optional<String> ledgerCursor) implements ListCursor {
            @Override
            public String token() {
                return "r" + ledgerCursor.orElse("");
            }
        }

        static ListCursor parse(String token) {
            if (token.startsWith("r")) {
                String after = token.substring(1);
                return new ResolvedAfter(after.isEmpty() ? Optional.empty() : Optional.of(after));
            }
            if (token.matches("o[0-9]{1,9}")) {
                return new OpenFrom(Integer.parseInt(token.substring(1)));
            }
            throw new BadQueryException("cursor must be a next from an earlier answer, not \"" + token + "\"");
        }
    }

    public ExceptionQuery {
        types = types.isEmpty() ? Set.of() : Set.copyOf(types);
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** Open problems only: a numbered page of them. */
    public boolean numbered() {
        return status.equals(Optional.of(ExceptionStatus.OPEN));
    }

    /**
     * From query parameters: status (OPEN, RESOLVED, ALL), type (comma-separated), olderThanHours, newerThanHours, q,
     * page (OPEN) or cursor (RESOLVED, ALL), size.
     */
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
        int page = number(params, "page", 1, 1, 100_000);
        String cursorText = params.getOrDefault("cursor", "").strip();
        Optional<ListCursor> cursor = cursorText.isEmpty() ? Optional.empty() : Optional.of(ListCursor.parse(cursorText));
        if (status.equals(Optional.of(ExceptionStatus.OPEN)) && cursor.isPresent()) {
            throw new BadQueryException("cursor is for RESOLVED and ALL lists; open problems are paged with page");
        }
        if (!status.equals(Optional.of(ExceptionStatus.OPEN)) && page != 1) {
            throw new BadQueryException("RESOLVED and ALL lists carry on with cursor (the answer's next), not page");
        }
        return new ExceptionQuery(status, types, hours(params, "olderThanHours"), hours(params, "newerThanHours"), q,
                page, number(params, "size", 50, 1, MAX_SIZE), cursor);
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
