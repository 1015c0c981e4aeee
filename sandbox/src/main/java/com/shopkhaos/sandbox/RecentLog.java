package com.shopkhaos.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The latest {@code limit} entries of something the sandbox's consumers show people (messages handled, pushes
 * written), oldest first. Safe to use from several threads.
 */
public final class RecentLog<T> {
    private final int limit;
    private final ArrayDeque<T> entries = new ArrayDeque<>();

    public RecentLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more");
        }
        this.limit = limit;
    }

    public synchronized void add(T entry) {
        entries.addLast(entry);
        while (entries.size() > limit) {
            entries.removeFirst();
        }
    }

    /** A copy, oldest first. */
    public synchronized List<T> all() {
        return List.copyOf(entries);
    }
}
