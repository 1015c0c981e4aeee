package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.OrderSweepSettings;
import com.shopkhaos.infra.config.ReconciliationSettings;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.Checkpoints;
import com.shopkhaos.model.ordersync.OrderAsItWouldBeSent;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.reconciliation.NightlyReconciliation;
import com.shopkhaos.model.reconciliation.OrderReconciliation;
import com.shopkhaos.model.reconciliation.ReconciliationReports;
import com.shopkhaos.model.returns.CustomerReturns;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the nightly reconciliation from configuration. */
@Singleton
public class ReconciliationWiring {

    @Produces
    @Singleton
    NightlyReconciliation nightlyReconciliation(ShopRegistry shops, ShopOrders shopOrders, OrderLedger ledger,
                                                ExceptionLedger exceptions, Checkpoints checkpoints, ReconciliationReports reports,
                                                OrderMappings mappings, KhaosCatalogue catalogue, SalesOrderFormat format,
                                                OrderTranslationPolicy policy, ReconciliationSettings settings,
                                                OrderSweepSettings sweep, CustomerReturns returns, Clock clock) {
        return new NightlyReconciliation(shops, shopOrders, ledger, exceptions, checkpoints, reports,
                new OrderAsItWouldBeSent(policy, mappings, catalogue), format, returns,
                new NightlyReconciliation.Settings(new OrderReconciliation.Settings(settings.reconciliationRoundingTolerance(),
                        settings.reconciliationNotSentAfter(), sweep.khaosConfirmationAfter()), policy.currency(), sweep.orderSweepGoLive()), clock);
    }
}
