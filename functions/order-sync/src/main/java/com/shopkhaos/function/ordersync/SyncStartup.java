package com.shopkhaos.function.ordersync;

import com.shopkhaos.infra.queue.OrderEventsHandler;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import com.shopkhaos.model.privacy.PersonalDataService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the flows at start-up (configuration checked then), so SnapStart's snapshot holds them ready. */
public class SyncStartup {
    void warm(@Observes StartupEvent started, OrderEventsHandler orderEvents, ScheduledOrderChecks scheduled,
              PersonalDataService personalData) {
        // injecting them is enough to create them
    }
}
