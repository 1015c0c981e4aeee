package com.shopkhaos.function.despatch;

import com.shopkhaos.infra.queue.DespatchesHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the write-back at start-up (configuration checked then), so SnapStart's snapshot holds it ready. */
public class DespatchStartup {
    void warm(@Observes StartupEvent started, DespatchesHandler despatches) {
        // injecting it is enough to create it; it reads what only a failed try needs (its queue, its back-off) as it is made
    }
}
