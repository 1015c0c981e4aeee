package com.shopkhaos.model.intake;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts webhook outcomes, and the events we receive but do not handle, by event name. */
public final class IntakeCounters {
    private final Map<IntakeOutcome, LongAdder> outcomes = new EnumMap<>(IntakeOutcome.class);
    private final Map<String, LongAdder> ignoredEvents = new ConcurrentHashMap<>();

    public IntakeCounters() {
        for (IntakeOutcome outcome : IntakeOutcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    void count(IntakeOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    void countIgnored(String eventName) {
        ignoredEvents.computeIfAbsent(eventName, k -> new LongAdder()).increment();
    }

    public long total(IntakeOutcome outcome) {
        return outcomes.get(outcome).sum();
    }

    public Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k.name(), v.sum()));
        return copy;
    }

    public Map<String, Long> ignoredEvents() {
        Map<String, Long> copy = new TreeMap<>();
        ignoredEvents.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
