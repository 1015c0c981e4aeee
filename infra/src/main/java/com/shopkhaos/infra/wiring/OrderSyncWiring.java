package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.KhaosOrderSettings;
import com.shopkhaos.infra.config.OrderSweepSettings;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.despatch.DespatchPublisher;
import com.shopkhaos.model.despatch.DespatchRequeue;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.Checkpoints;
import com.shopkhaos.model.ordersync.KhaosConfirmationWatch;
import com.shopkhaos.model.ordersync.OrderEventsBacklog;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.ordersync.OrderSweepService;
import com.shopkhaos.model.ordersync.OrderSyncService;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.ordersync.ReadinessPolicy;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockChangePublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the order-sync flow (translation policy, readiness, sweep, confirmation watch, retry) from configuration. */
@Singleton
public class OrderSyncWiring {

    @Produces
    @Singleton
    OrderTranslationPolicy translationPolicy(KhaosOrderSettings settings) {
        return settings.translationPolicy();
    }

    @Produces
    @Singleton
    ReadinessPolicy readiness(KhaosOrderSettings settings) {
        return settings.readiness();
    }

    @Produces
    @Singleton
    OrderSyncService orderSync(OrderLedger ledger, ExceptionLedger exceptions, ShopOrders shop, KhaosCatalogue catalogue,
                               KhaosStockLevels stock, InFlightOrders inFlight, StockChangePublisher stockChanges,
                               OrderMappings mappings, SalesOrderFormat format, OrderTranslationPolicy policy,
                               ReadinessPolicy readiness, RefundReturns refundReturns, Clock clock) {
        return new OrderSyncService(ledger, exceptions, shop, catalogue, stock, inFlight, stockChanges, mappings, format, policy, readiness,
                refundReturns, clock);
    }

    @Produces
    @Singleton
    OrderSweepService orderSweep(ShopRegistry shops, ShopOrders shopOrders, OrderLedger ledger, ExceptionLedger exceptions,
                                 OrderEventPublisher publisher, OrderEventsBacklog backlog, Checkpoints checkpoints,
                                 OrderSweepSettings settings, Clock clock) {
        return new OrderSweepService(shops, shopOrders, ledger, exceptions, publisher, backlog, checkpoints,
                settings.orderSweepGoLive(), settings.orderSweepGrace(), clock);
    }

    @Produces
    @Singleton
    KhaosConfirmationWatch confirmationWatch(OrderLedger ledger, ExceptionLedger exceptions,
                                             OrderSweepSettings settings, Clock clock) {
        return new KhaosConfirmationWatch(ledger, exceptions, settings.khaosConfirmationAfter(), clock);
    }

    @Produces
    @Singleton
    ScheduledOrderChecks scheduledChecks(OrderSweepService sweep, KhaosConfirmationWatch confirmations) {
        return new ScheduledOrderChecks(sweep, confirmations);
    }

    @Produces
    @Singleton
    OrderRetryService orderRetry(OrderLedger ledger, OrderEventPublisher publisher, Clock clock,
                                 DespatchPublisher despatches) {
        return new OrderRetryService(ledger, publisher, clock, new DespatchRequeue(ledger, despatches));
    }
}
