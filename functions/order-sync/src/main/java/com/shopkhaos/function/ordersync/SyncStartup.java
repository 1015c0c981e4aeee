package com.shopkhaos.function.ordersync;

import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import com.shopkhaos.model.ordersync.OrderSyncService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the flows at start-up (configuration checked then), so SnapStart's snapshot holds them ready. */
public class SyncStartup {
    void warm(@Observes StartupEvent started, OrderSyncService sync, ScheduledOrderChecks scheduled,
              com.shopkhaos.model.privacy.PersonalDataService personalData) {
        // injecting them is enough to create them
    }
}
