package com.shopkhaos.function.ordersync;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.shopkhaos.infra.queue.OrderEventsHandler;
import com.shopkhaos.model.ops.ExceptionLevels;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The order-sync Lambdas. {@code order-sync}: a batch of order-events records, handled by {@link OrderEventsHandler}
 * (a record that fails is reported as a batch item failure, so SQS delivers it again and, after five tries, to the
 * DLQ). {@code order-sweep}: the schedule's safety net, which also reports the open exceptions
 * (how many, how old the oldest) for the alarms.
 */
public class OrderSyncFunctions {

    @Inject
    OrderEventsHandler orderEvents;

    @Inject
    ScheduledOrderChecks scheduled;

    @Inject
    ExceptionLevels levels;

    @Funq("order-sync")
    public SQSBatchResponse orderSync(SQSEvent records) {
        return orderEvents.handle(records).response();
    }

    @Funq("order-sweep")
    public Map<String, Object> orderSweep(Map<String, Object> scheduledEvent) {
        ScheduledOrderChecks.Report report = scheduled.run();
        ExceptionLevels.Levels open = levels.report();
        return Map.of("openExceptions", open.open(), "shops", report.shops().stream().map(s -> Map.of("shopId", s.shopId(), "from", s.from().toString(),
                "to", s.to().toString(), "missing", s.missing(), "rechecked", s.rechecked())).toList(),
                "notConfirmedByKhaos", report.notConfirmedByKhaos());
    }
}
