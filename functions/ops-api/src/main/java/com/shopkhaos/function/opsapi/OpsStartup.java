package com.shopkhaos.function.opsapi;

import com.shopkhaos.infra.web.OpsAccess;
import com.shopkhaos.model.ops.OpsConsoleService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the ops API at start-up (reading its key by ARN then), so SnapStart's snapshot holds it ready. */
public class OpsStartup {
    void warm(@Observes StartupEvent started, OpsAccess access, OpsConsoleService console) {
        // injecting them is enough to create them
    }
}
