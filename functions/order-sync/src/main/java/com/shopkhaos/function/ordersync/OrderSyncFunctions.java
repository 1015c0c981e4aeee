package com.shopkhaos.function.ordersync;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ordersync.KhaosConfirmationWatch;
import com.shopkhaos.model.ordersync.OrderSweepService;
import com.shopkhaos.model.ordersync.OrderSyncService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The order-sync Lambdas. {@code order-sync}: one order-events message (Funqy hands each SQS record over on
 * its own; a throw reports just that record as a batch item failure, so SQS delivers it again and, after
 * five tries, to the DLQ). {@code order-sweep}: the schedule's safety net.
 */
public class OrderSyncFunctions {

    @Inject
    OrderSyncService sync;

    @Inject
    OrderSweepService sweep;

    @Inject
    KhaosConfirmationWatch confirmations;

    @Funq("order-sync")
    public void orderSync(OrderEvent event) {
        sync.process(event);
    }

    @Funq("order-sweep")
    public Map<String, Object> orderSweep(Map<String, Object> scheduledEvent) {
        List<OrderSweepService.ShopSweep> shops = sweep.sweep();
        List<String> unconfirmed = confirmations.check();
        return Map.of("shops", shops.stream().map(s -> Map.of("shopId", s.shopId(), "from", s.from().toString(),
                "to", s.to().toString(), "missing", s.missing(), "rechecked", s.rechecked())).toList(),
                "notConfirmedByKhaos", unconfirmed);
    }
}
