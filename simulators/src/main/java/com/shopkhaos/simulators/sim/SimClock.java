package com.shopkhaos.simulators.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's clock: real time plus an offset the control API can move forward (token expiry, delays). */
public final class SimClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public SimClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }
}
