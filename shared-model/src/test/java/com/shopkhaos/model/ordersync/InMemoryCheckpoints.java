package com.shopkhaos.model.ordersync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Checkpoints in memory, moved only from the value the mover read (a conditional write, as in the table). */
public final class InMemoryCheckpoints implements Checkpoints {
    public final Map<String, Instant> marks = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Instant> get(String name) {
        return Optional.ofNullable(marks.get(name));
    }

    @Override
    public synchronized boolean advance(String name, Optional<Instant> expected, Instant next) {
        if (!Optional.ofNullable(marks.get(name)).equals(expected)) {
            return false;
        }
        marks.put(name, next);
        return true;
    }
}
