package com.shopkhaos.function.ordersync;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ordersync.OrderSyncService;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The order-sync Lambdas. {@code order-sync}: one order-events message (Funqy hands each SQS record over on
 * its own; a throw reports just that record as a batch item failure, so SQS delivers it again and, after
 * five tries, to the DLQ). {@code order-sweep}: the schedule's safety net, which also reports the open exceptions
 * (how many, how old the oldest) for the alarms.
 */
public class OrderSyncFunctions {

    @Inject
    OrderSyncService sync;

    @Inject
    ScheduledOrderChecks scheduled;

    @Funq("order-sync")
    public void orderSync(OrderEvent event) {
        sync.process(event);
    }

    @Inject
    com.shopkhaos.model.ops.ExceptionLevels levels;

    @Funq("order-sweep")
    public Map<String, Object> orderSweep(Map<String, Object> scheduledEvent) {
        ScheduledOrderChecks.Report report = scheduled.run();
        com.shopkhaos.model.ops.ExceptionLevels.Levels open = levels.report();
        return Map.of("openExceptions", open.open(), "shops", report.shops().stream().map(s -> Map.of("shopId", s.shopId(), "from", s.from().toString(),
                "to", s.to().toString(), "missing", s.missing(), "rechecked", s.rechecked())).toList(),
                "notConfirmedByKhaos", report.notConfirmedByKhaos());
    }
}
