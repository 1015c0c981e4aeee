package com.shopkhaos.model.audit;

/**
 * Port: starts a requested run where it can take its time (in AWS the reconciliation function, invoked without waiting;
 * in the sandbox a thread), so asking for one answers at once.
 */
public interface AuditLauncher {

    /** Starts the run; throws when it cannot be started (the run is then marked failed with the reason). */
    void launch(String runId);
}
