package com.shopkhaos.function.despatch;

import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.WritebackSettings;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the write-back at start-up (configuration checked then), so SnapStart's snapshot holds it ready. */
public class DespatchStartup {
    void warm(@Observes StartupEvent started, DespatchWritebackService writeback, QueueSettings queues, WritebackSettings settings) {
        // injecting it is enough to create it; what only a failed try reads (its queue, its back-off) is required now too
        queues.despatches();
        settings.retryBackoff();
    }
}
