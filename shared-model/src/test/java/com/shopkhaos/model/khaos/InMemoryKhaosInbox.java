package com.shopkhaos.model.khaos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The inbox of raw pushes from Khaos in memory, in order of arrival. {@link #failNext} makes the next keep throw (the
 * table unreachable) without keeping anything.
 */
public final class InMemoryKhaosInbox implements KhaosInbox {
    /** Every upload kept, in order of arrival. */
    public final List<KhaosUpload> kept = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void keep(KhaosUpload upload) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        kept.add(upload);
    }

    @Override
    public synchronized List<KhaosUpload> latest(KhaosUploadKind kind, int limit) {
        return kept.stream().filter(u -> u.kind() == kind)
                .sorted(Comparator.comparing(KhaosUpload::receivedAt).reversed()).limit(limit).toList();
    }

    /** The bodies kept of a kind, in order of arrival. */
    public synchronized List<String> bodies(KhaosUploadKind kind) {
        return kept.stream().filter(u -> u.kind() == kind).map(KhaosUpload::body).toList();
    }
}
