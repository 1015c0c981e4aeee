package com.shopkhaos.model.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A trading day as a UK retailer's finance team counts it: midnight to midnight in Europe/London, so the day the
 * clocks go forward has 23 hours and the day they go back 25.
 */
public record BusinessDay(LocalDate date) {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public BusinessDay {
        Objects.requireNonNull(date, "date");
    }

    /** The day in London before the one {@code now} falls in: the one the nightly run reconciles. */
    public static BusinessDay before(Instant now) {
        return new BusinessDay(now.atZone(LONDON).toLocalDate().minusDays(1));
    }

    /** The day {@code at} falls in, in London. */
    public static BusinessDay of(Instant at) {
        return new BusinessDay(at.atZone(LONDON).toLocalDate());
    }

    public Instant start() {
        return date.atStartOfDay(LONDON).toInstant();
    }

    /** The next day's start (exclusive). */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
