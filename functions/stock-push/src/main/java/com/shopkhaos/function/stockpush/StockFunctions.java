package com.shopkhaos.function.stockpush;

import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.model.stock.StockReconcileService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The stock Lambdas. {@code stock-push}: one stock-changes message (a throw reports just that record as a batch
 * item failure). {@code stock-reconcile}: the schedule's full comparison of every shop product.
 */
public class StockFunctions {

    @Inject
    StockPushService push;

    @Inject
    StockReconcileService reconcile;

    @Funq("stock-push")
    public StockPushService.Report stockPush(StockChange change) {
        return push.push(change.stockCodes(), change.shopChangedItself());
    }

    @Funq("stock-reconcile")
    public List<StockReconcileService.Report> stockReconcile(Map<String, Object> scheduledEvent) {
        return reconcile.reconcile();
    }
}
