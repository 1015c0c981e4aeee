package com.shopkhaos.infra.wiring;

import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.stock.BufferRule;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.ShopProducts;
import com.shopkhaos.model.stock.StockBufferPolicy;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.model.stock.StockReconcileService;
import com.shopkhaos.model.stock.StockVersions;
import com.shopkhaos.model.stock.WebSites;
import com.shopkhaos.model.stock.WebStock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds stock sync (sellable stock to the shop, and the full reconcile) from the adapters and configuration. */
@Singleton
public class StockWiring {

    @Produces
    @Singleton
    StockPushService.StockSettings stockSettings(@ConfigProperty(name = "shopkhaos.khaos-web-sites") Optional<String> sites,
                                                 @ConfigProperty(name = "shopkhaos.stock-buffer") Optional<String> buffer,
                                                 @ConfigProperty(name = "shopkhaos.stock-peak-buffers") Optional<String> peaks,
                                                 @ConfigProperty(name = "shopkhaos.stock-settle", defaultValue = "5m") Duration settle,
                                                 @ConfigProperty(name = "shopkhaos.stock-sync-batch", defaultValue = "100") int batch) {
        return new StockPushService.StockSettings(WebSites.parse(sites.orElse("")),
                new StockBufferPolicy(BufferRule.parse(buffer.orElse(""), "STOCK_BUFFER"),
                        StockBufferPolicy.parsePeaks(peaks.orElse(""))), settle, batch);
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
