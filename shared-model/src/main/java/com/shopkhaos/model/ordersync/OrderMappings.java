package com.shopkhaos.model.ordersync;

import java.util.Map;

/**
 * Port: what people mapped by hand in the {@code mappings} table: shop SKU → Khaos stock code, and
 * delivery method → Khaos courier. They add to (and win over) the configured defaults.
 */
public interface OrderMappings {

    Overrides current();

    /** Keys as people typed them: a SKU; a delivery method's technical name or name. */
    record Overrides(Map<String, String> skuToStockCode, Map<String, String> deliveryMethodToCourier) {
        public static final Overrides NONE = new Overrides(Map.of(), Map.of());

        public Overrides {
            skuToStockCode = Map.copyOf(skuToStockCode);
            deliveryMethodToCourier = Map.copyOf(deliveryMethodToCourier);
        }
    }
}
