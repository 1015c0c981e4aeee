package com.shopkhaos.model.secrets;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A secret that can be rotated while we run. The functions are snapshotted after start-up (Lambda SnapStart) and
 * restored many times, so a value read once would outlive every rotation; instead the value held is read again
 * once it is older than the TTL, and when a check with it fails (a caller's password, a signature) it is read
 * again at once and the check repeated with the fresh value, but at most once a {@link #FORCED_READ_INTERVAL}:
 * a flood of bad requests costs one read a minute, not one read each.
 *
 * <p>If a read fails while a value is held, the held value is kept and the read tried again a minute later.
 * {@link #toString()} never shows the value.
 *
 * @param <T> the secret's value (compared with {@code equals} to tell a rotated value from the one held)
 */
public final class RotatingSecret<T> {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration FORCED_READ_INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(RotatingSecret.class.getName());

    private record Held<T>(T value, Instant freshUntil) {
    }

    private final String name;
    private final Supplier<T> reader;
    private final Duration ttl;
    private final Clock clock;
    private volatile Held<T> held;
    /** When the last read forced by a failed check was made; guarded by {@code this}. */
    private Instant lastForcedRead;

    /**
     * @param name   what the secret is, for logs (never its value)
     * @param reader reads the current value (throws when it cannot)
     * @param ttl    how long a value read is used before it is read again
     */
    public RotatingSecret(String name, Supplier<T> reader, Duration ttl, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the TTL of " + name + " cannot be negative");
        }
    }

    /** A value that never changes (tests, and settings that are not secrets read from a store). */
    public static <T> RotatingSecret<T> fixed(T value) {
        Objects.requireNonNull(value, "value");
        return new RotatingSecret<>("a fixed value", () -> value, Duration.ofDays(365_000), Clock.systemUTC());
    }

    /** The value held, read again first when it is older than the TTL (or none was read yet: then a failed read throws). */
    public T current() {
        Held<T> h = held;
        if (h != null && clock.instant().isBefore(h.freshUntil())) {
            return h.value();
        }
        synchronized (this) {
            h = held;
            Instant now = clock.instant();
            if (h != null && now.isBefore(h.freshUntil())) {
                return h.value();
            }
            try {
                T value = Objects.requireNonNull(reader.get(), "read no value");
                held = new Held<>(value, now.plus(ttl));
                return value;
            } catch (RuntimeException e) {
                if (h == null) {
                    throw e;
                }
                LOG.log(Level.WARNING, name + " could not be read again, keeping the value held for now: "
                        + e.getClass().getSimpleName());
                held = new Held<>(h.value(), now.plus(min(ttl, FORCED_READ_INTERVAL)));
                return h.value();
            }
        }
    }

    /**
     * Checks the value held; if the check fails, reads the secret afresh (unless a forced read was made in the last
     * minute) and checks again with the fresh value if it differs.
     *
     * @return the value that passed the check; empty when none did
     */
    public Optional<T> admitting(Predicate<? super T> check) {
        T value = current();
        if (check.test(value)) {
            return Optional.of(value);
        }
        return afterRejection(value).filter(check);
    }

    /**
     * After {@code rejected} (a value this gave out) failed a check: a different value, when the secret has been read
     * afresh since or is read now; a read is forced at most once a {@link #FORCED_READ_INTERVAL}.
     */
    public synchronized Optional<T> afterRejection(T rejected) {
        Held<T> h = held;
        if (h != null && !h.value().equals(rejected)) {
            return Optional.of(h.value());
        }
        Instant now = clock.instant();
        if (lastForcedRead != null && now.isBefore(lastForcedRead.plus(FORCED_READ_INTERVAL))) {
            return Optional.empty();
        }
        lastForcedRead = now;
        T value;
        try {
            value = Objects.requireNonNull(reader.get(), "read no value");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " could not be read again after a failed check: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
        held = new Held<>(value, now.plus(ttl));
        if (value.equals(rejected)) {
            return Optional.empty();
        }
        LOG.log(Level.INFO, name + " was rotated; using the new value");
        return Optional.of(value);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "RotatingSecret[" + name + ", value=<redacted>]";
    }
}
