package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.model.audit.AuditLauncher;
import com.shopkhaos.model.audit.AuditRequests;
import com.shopkhaos.model.audit.AuditRuns;
import com.shopkhaos.model.audit.CatalogueAudits;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The audit's part in the sandbox: a run the ops API asks for is carried out on a thread of its own, as the
 * reconciliation function carries it out in AWS (its AWS calls recorded as that function's, to be held against its
 * role). One run at a time, as the function's reserved concurrency of 1 allows.
 */
@ApplicationScoped
public class SandboxAudit implements AuditLauncher {
    private static final Logger LOG = Logger.getLogger(SandboxAudit.class);

    @Inject
    CatalogueAudits audits;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-run"));

    @Override
    public void launch(String runId) {
        worker.execute(() -> {
            try {
                AwsCallRecorder.asFunction("ReconciliationFunction", () -> audits.carryOut(runId));
            } catch (RuntimeException e) {
                LOG.warnf("audit run %s failed: %s", runId, e.getMessage());
            }
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        worker.shutdownNow();
    }

    /** Asking for audit runs, carried out here. */
    @Produces
    @Singleton
    static AuditRequests auditRequests(AuditRuns runs, SandboxAudit launcher, Clock clock) {
        return new AuditRequests(runs, launcher, clock);
    }
}
