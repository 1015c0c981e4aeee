package com.shopkhaos.function.despatch;

import com.shopkhaos.model.despatch.DespatchWritebackService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the write-back at start-up (configuration checked then), so SnapStart's snapshot holds it ready. */
public class DespatchStartup {
    void warm(@Observes StartupEvent started, DespatchWritebackService writeback) {
        // injecting it is enough to create it
    }
}
