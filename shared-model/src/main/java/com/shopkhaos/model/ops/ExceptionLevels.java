package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How many exceptions are open and how old the oldest is, for the alarms (reported by the scheduled sweep). */
public final class ExceptionLevels {
    /** The figures reported. */
    public record Levels(int open, double oldestHours) {
    }

    private final ExceptionLedger exceptions;
    private final OpsMetrics metrics;
    private final Clock clock;

    public ExceptionLevels(ExceptionLedger exceptions, OpsMetrics metrics, Clock clock) {
        this.exceptions = exceptions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Levels report() {
        Instant now = clock.instant();
        List<ExceptionRecord> open = exceptions.allOpen();
        double oldest = open.stream().mapToDouble(e -> Duration.between(e.createdAt(), now).toMinutes() / 60.0).max().orElse(0);
        metrics.level(OpsMetrics.OPEN_EXCEPTIONS, open.size());
        metrics.level(OpsMetrics.OLDEST_OPEN_EXCEPTION_HOURS, Math.round(oldest * 10) / 10.0);
        return new Levels(open.size(), oldest);
    }
}
