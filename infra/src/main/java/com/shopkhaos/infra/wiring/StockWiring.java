package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.StockSyncSettings;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.stock.InFlightHolds;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.ShopProducts;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.model.stock.StockReconcileService;
import com.shopkhaos.model.stock.StockVersions;
import com.shopkhaos.model.stock.WebStock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds stock sync (sellable stock to the shop, and the full reconcile) and the in-flight holds' rules from the
 * adapters and configuration.
 */
@Singleton
public class StockWiring {

    @Produces
    @Singleton
    StockPushService.StockSettings stockSettings(StockSyncSettings settings) {
        return settings.stockSettings();
    }

    @Produces
    @Singleton
    InFlightOrders inFlightOrders(InFlightHolds holds, StockVersions versions) {
        return new InFlightOrders(holds, versions);
    }

    @Produces
    @Singleton
    StockPushService stockPush(ShopRegistry shops, ShopProducts products, WebStock webStock, KhaosStockLevels levels,
                               InFlightOrders inFlight, StockVersions versions, OrderMappings mappings, ExceptionLedger exceptions,
                               StockPushService.StockSettings settings, Clock clock) {
        return new StockPushService(shops, products, webStock, levels, inFlight, versions, mappings, exceptions, settings, clock);
    }

    @Produces
    @Singleton
    StockReconcileService stockReconcile(StockPushService push, ShopProducts products, WebStock webStock,
                                         KhaosStockLevels levels, InFlightOrders inFlight, StockVersions versions,
                                         KhaosCatalogue catalogue, OrderMappings mappings, ExceptionLedger exceptions,
                                         StockPushService.StockSettings settings, Clock clock) {
        return new StockReconcileService(push, products, webStock, levels, inFlight, versions, catalogue, mappings, exceptions,
                settings, clock);
    }
}
