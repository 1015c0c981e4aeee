package com.shopkhaos.function.stockpush;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.shopkhaos.infra.queue.StockChangesHandler;
import com.shopkhaos.model.stock.StockReconcileService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The stock Lambdas. {@code stock-push}: a batch of stock-changes records, handled by {@link StockChangesHandler} (a
 * record that fails is reported as a batch item failure). {@code stock-reconcile}: the schedule's full comparison of every shop product.
 */
public class StockFunctions {

    @Inject
    StockChangesHandler stockChanges;

    @Inject
    StockReconcileService reconcile;

    @Funq("stock-push")
    public SQSBatchResponse stockPush(SQSEvent records) {
        return stockChanges.handle(records).response();
    }

    @Funq("stock-reconcile")
    public List<StockReconcileService.Report> stockReconcile(Map<String, Object> scheduledEvent) {
        return reconcile.reconcile();
    }
}
