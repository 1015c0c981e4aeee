package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.WritebackSettings;
import com.shopkhaos.model.despatch.DespatchSettings;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ordersync.OrderMappings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the despatch write-back from the adapters and configuration. */
@Singleton
public class DespatchWiring {

    @Produces
    @Singleton
    DespatchSettings despatchSettings(WritebackSettings settings) {
        return settings.despatchSettings();
    }

    @Produces
    @Singleton
    DespatchWritebackService despatchWriteback(OrderLedger ledger, ShipmentBook shipments, ShopDeliveries shop, OrderMappings mappings,
                                               ExceptionLedger exceptions, DespatchSettings settings, Clock clock) {
        return new DespatchWritebackService(ledger, shipments, shop, mappings, exceptions, settings, clock);
    }
}
