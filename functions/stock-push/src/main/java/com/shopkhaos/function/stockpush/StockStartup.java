package com.shopkhaos.function.stockpush;

import com.shopkhaos.infra.queue.StockChangesHandler;
import com.shopkhaos.model.stock.StockReconcileService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds stock sync at start-up (configuration checked then), so SnapStart's snapshot holds it ready. */
public class StockStartup {
    void warm(@Observes StartupEvent started, StockChangesHandler stockChanges, StockReconcileService reconcile) {
        // injecting them is enough to create them
    }
}
