package com.shopkhaos.model.ledger;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way the core retries a conditional write that lost to another writer: read again, decide again, write
 * again, up to {@link #ATTEMPTS} times. Each attempt must read what it changes (a decision made on an old read is
 * never written). After the last attempt the conflict is thrown, never swallowed: the caller's own redelivery (SQS, the
 * next schedule, the person's next click) tries again, and nothing is lost silently.
 */
public final class ReadAgainOnConflict {
    /** Five rounds: two writers of one order meet at most a few times; more means something is looping. */
    public static final int ATTEMPTS = 5;

    private ReadAgainOnConflict() {
    }

    /** Runs {@code attempt} until it does not conflict; answers its result, or throws the last conflict. */
    public static <T> T run(Supplier<T> attempt) {
        LedgerVersionConflictException last = null;
        for (int i = 1; i <= ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (LedgerVersionConflictException conflict) {
                last = conflict;
            }
        }
        throw last;
    }

    /**
     * {@link #run} for an attempt that decides on a read: the first attempt uses {@code first}, read by the caller
     * just before (one read per decision in the common case), each attempt after a conflict reads again.
     */
    public static <R, T> T run(R first, Supplier<R> readAgain, Function<R, T> attempt) {
        boolean[] used = {false};
        return run(() -> {
            R read = used[0] ? readAgain.get() : first;
            used[0] = true;
            return attempt.apply(read);
        });
    }

    /** {@link #run} for an attempt that answers nothing. */
    public static void run(Runnable attempt) {
        run(() -> {
            attempt.run();
            return null;
        });
    }
}
