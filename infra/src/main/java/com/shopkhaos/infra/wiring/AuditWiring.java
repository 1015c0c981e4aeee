package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.AuditSettings;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.audit.AuditRuns;
import com.shopkhaos.model.audit.CatalogueAudits;
import com.shopkhaos.model.audit.ShopCatalogueSource;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.OrderMappings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the go-live audit's runner (the reconciliation function carries runs out; the sandbox too). Asking for a run
 * ({@code AuditRequests}) is built where a launcher is: the ops API's function and the sandbox.
 */
@Singleton
public class AuditWiring {

    @Produces
    @Singleton
    CatalogueAudits catalogueAudits(ShopRegistry shops, ShopCatalogueSource shop, KhaosCatalogue catalogue, KhaosStockLevels stock,
                                    OrderMappings mappings, OrderTranslationPolicy policy, TaxRateTable taxRates,
                                    AuditSettings settings, AuditRuns runs, ExceptionLedger exceptions, Clock clock) {
        return new CatalogueAudits(shops, shop, catalogue, stock, mappings, policy, taxRates, settings.asSettings(), runs,
                exceptions, clock);
    }
}
