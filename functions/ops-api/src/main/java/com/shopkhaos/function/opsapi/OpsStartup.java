package com.shopkhaos.function.opsapi;

import com.shopkhaos.infra.web.OpsAccess;
import com.shopkhaos.model.audit.AuditRequests;
import com.shopkhaos.model.ops.ExceptionActions;
import com.shopkhaos.model.ops.ExceptionListing;
import com.shopkhaos.model.ops.OpsMappings;
import com.shopkhaos.model.ops.ProblemSummary;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * Builds the ops API and its console at start-up (reading its key by ARN then, and checking the tables and queues they
 * are given), so SnapStart's snapshot holds them ready.
 */
public class OpsStartup {
    void warm(@Observes StartupEvent started, OpsAccess access, ExceptionListing listing, ExceptionActions actions,
              OpsMappings mappings, ProblemSummary summary, AuditRequests audits) {
        // injecting them is enough to create them
    }
}
