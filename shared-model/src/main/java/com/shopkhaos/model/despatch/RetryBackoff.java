package com.shopkhaos.model.despatch;

import java.time.Duration;

/**
 * How long a failed write-back waits before its next try: {@code first}, doubling with each try, never more than
 * {@code longest} (SQS keeps a message hidden for at most 12 hours).
 */
public record RetryBackoff(Duration first, Duration longest) {
    public static final Duration SQS_LONGEST = Duration.ofHours(12);

    public RetryBackoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || longest.compareTo(SQS_LONGEST) > 0) {
            throw new IllegalArgumentException("the wait before the second try must be positive and at most 12 hours, was " + first);
        }
    }

    /** The wait after try number {@code attempt} (1 = the first) failed. */
    public Duration after(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration wait = first.multipliedBy(1L << Math.min(doublings, 20));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
