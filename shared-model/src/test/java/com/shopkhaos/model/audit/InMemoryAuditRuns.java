package com.shopkhaos.model.audit;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shared in-memory {@link AuditRuns}: runs by id, in the order they were first saved. */
public final class InMemoryAuditRuns implements AuditRuns {
    private final Map<String, AuditRun> runs = new LinkedHashMap<>();

    @Override
    public synchronized void save(AuditRun run) {
        runs.put(run.id(), run);
    }

    @Override
    public synchronized Optional<AuditRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized Optional<AuditRun> latest() {
        return runs.values().stream().max(Comparator.comparing(AuditRun::startedAt).thenComparing(AuditRun::id));
    }

    @Override
    public synchronized Optional<AuditRun> lastFinished() {
        return runs.values().stream().filter(r -> r.status() == AuditStatus.FINISHED)
                .max(Comparator.comparing(r -> r.finishedAt().orElseThrow()));
    }

    @Override
    public synchronized List<AuditRun> recent(int limit) {
        return runs.values().stream().sorted(Comparator.comparing(AuditRun::startedAt).thenComparing(AuditRun::id).reversed())
                .limit(limit).map(r -> new AuditRun(r.id(), r.trigger(), r.requestedBy(), r.status(), r.startedAt(), r.finishedAt(),
                        r.shopId(), r.shopProducts(), r.khaosItems(), r.failure(), List.of())).toList();
    }
}
