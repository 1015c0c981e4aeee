package com.shopkhaos.model.audit;

import java.util.List;
import java.util.Optional;

/**
 * Port: where audit runs are kept. A run is saved whole each time (asked for, then finished or failed), so a reader sees
 * it as it was at one of those moments, never half-written.
 */
public interface AuditRuns {

    void save(AuditRun run);

    Optional<AuditRun> find(String id);

    /** The run started last, whatever its status. */
    Optional<AuditRun> latest();

    /** The run that finished last (the one a new run's findings are compared with). */
    Optional<AuditRun> lastFinished();

    /** The runs started last, newest first, at most {@code limit}, without their findings. */
    List<AuditRun> recent(int limit);
}
