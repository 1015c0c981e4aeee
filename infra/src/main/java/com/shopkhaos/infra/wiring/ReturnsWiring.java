package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.KhaosReturnSettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.DownloadPages;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.returns.CustomerReturns;
import com.shopkhaos.model.returns.CustomerUrns;
import com.shopkhaos.model.returns.KhaosReturnFeed;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.returns.ReturnRequests;
import com.shopkhaos.model.returns.ReturnsByPerson;
import com.shopkhaos.model.ops.OpsActionLog;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Customer returns into Khaos: made from the shop's refunds (order-sync) and a person's picks (the console), served to
 * Khaos's {@code CReturnDownload} (the channel). A function not given {@code RETURNS_TABLE} makes no returns.
 */
@Singleton
public class ReturnsWiring {

    @Produces
    @Singleton
    ReturnRequests returnRequests(OrderLedger ledger, ShipmentBook shipments, CustomerReturns returns, CustomerUrns urns,
                                  SalesOrderFormat format, OrderMappings mappings, KhaosReturnSettings settings, Clock clock) {
        return new ReturnRequests(ledger, shipments, returns, urns, format, settings.khaosReturnReason().strip(), mappings, clock);
    }

    @Produces
    @Singleton
    RefundReturns refundReturns(TableNames tables, Instance<ReturnRequests> requests, ShopOrders shop) {
        return tables.returnsTable().filter(t -> !t.isBlank()).isPresent() ? new RefundReturns(requests.get(), shop) : RefundReturns.OFF;
    }

    @Produces
    @Singleton
    KhaosReturnFeed returnFeed(CustomerReturns returns, OrderLedger ledger, ExceptionLedger exceptions, DownloadPages pages,
                               KhaosReturnSettings settings, Clock clock) {
        return new KhaosReturnFeed(returns, ledger, exceptions, pages, settings.khaosReturnPageSize(), clock);
    }

    @Produces
    @Singleton
    ReturnsByPerson returnsByPerson(OrderLedger ledger, ReturnRequests requests, OpsActionLog actions, Clock clock) {
        return new ReturnsByPerson(ledger, requests, actions, clock);
    }
}
