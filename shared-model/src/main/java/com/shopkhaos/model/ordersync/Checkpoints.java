package com.shopkhaos.model.ordersync;

import java.time.Instant;
import java.util.Optional;

/** Port: named points in time a scheduled job has reached (the sweep's watermark per shop). */
public interface Checkpoints {

    Optional<Instant> get(String name);

    /**
     * Moves the checkpoint from {@code expected} (empty: not set yet) to {@code next}; false when
     * another run moved it in between (that run's window then stands).
     */
    boolean advance(String name, Optional<Instant> expected, Instant next);
}
