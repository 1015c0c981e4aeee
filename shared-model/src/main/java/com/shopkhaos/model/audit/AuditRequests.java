package com.shopkhaos.model.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asking for the go-live audit and reading its runs (the ops API's side): a run asked for is kept as running and started
 * elsewhere ({@link AuditLauncher}), so the answer is at once; runs are read as people should see them (one that died with
 * its function shows failed).
 */
public final class AuditRequests {
    private final AuditRuns runs;
    private final AuditLauncher launcher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AuditRequests(AuditRuns runs, AuditLauncher launcher, Clock clock) {
        this.runs = runs;
        this.launcher = launcher;
        this.clock = clock;
    }

    /**
     * Asks for a run and starts it elsewhere; answers it at once (running). A run that cannot be started is failed.
     *
     * @throws AuditAlreadyRunningException while another run is under way (one at a time: a second would queue behind it)
     */
    public AuditRun request(AuditTrigger trigger, String requestedBy) {
        Instant now = clock.instant();
        Optional<AuditRun> latest = runs.latest().map(r -> r.asSeenAt(now));
        if (latest.isPresent() && latest.get().status() == AuditStatus.RUNNING) {
            throw new AuditAlreadyRunningException(latest.get());
        }
        AuditRun run = AuditRun.requested(AuditRun.newId(now, random), trigger, requestedBy, now);
        runs.save(run);
        try {
            launcher.launch(run.id());
        } catch (RuntimeException e) {
            AuditRun failed = run.failed("could not be started: " + e.getMessage(), clock.instant());
            runs.save(failed);
            return failed;
        }
        return run;
    }

    public Optional<AuditRun> find(String runId) {
        return runs.find(runId).map(r -> r.asSeenAt(clock.instant()));
    }

    public Optional<AuditRun> latest() {
        return runs.latest().map(r -> r.asSeenAt(clock.instant()));
    }

    /** The latest runs, newest first, without their findings. */
    public List<AuditRun> recent(int limit) {
        Instant now = clock.instant();
        return runs.recent(limit).stream().map(r -> r.asSeenAt(now)).toList();
    }

    /** Another run is under way; it names it. */
    public static final class AuditAlreadyRunningException extends RuntimeException {
        private final transient AuditRun running;

        public AuditAlreadyRunningException(AuditRun running) {
            super("audit run " + running.id() + " is under way (started " + running.startedAt() + "); its findings come when it finishes");
            this.running = running;
        }

        public AuditRun running() {
            return running;
        }
    }
}
