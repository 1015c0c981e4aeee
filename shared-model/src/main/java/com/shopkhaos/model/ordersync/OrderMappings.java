package com.shopkhaos.model.ordersync;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Port: what people mapped by hand in the {@code mappings} table: shop SKU → Khaos stock code, and
 * delivery method → Khaos courier. They add to (and win over) the configured defaults.
 */
public interface OrderMappings {

    Overrides current();

    /** As {@link #current()}, read now rather than from a cache (the audit, which runs rarely and must see a fix at once). */
    default Overrides fresh() {
        return current();
    }

    /** Maps a key (a person's fix); kinds SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION, RETURN_REASON. Not every store takes writes. */
    default void put(String kind, String key, String value) {
        throw new UnsupportedOperationException("this mapping store is read-only");
    }

    /**
     * Keys as people typed them: a SKU; a delivery method's technical name or name; a stock code with its
     * safety buffer rule ({@code 2}, {@code 10%}, {@code 10%,min2}); a Khaos courier (code, name or id) with the shop
     * shipping method (id or technical name) its parcels go out under, when that differs from what was ordered.
     */
    record Overrides(Map<String, String> skuToStockCode, Map<String, String> deliveryMethodToCourier,
                     Map<String, String> bufferByStockCode, Map<String, String> courierToShippingMethod,
                     Map<String, String> promotionToItem, Map<String, String> returnReasons) {
        public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

        /** @param returnReasons why money went back in the shop (a {@code ReturnCause}'s key) → Khaos's ReturnReason */
        public Overrides {
            skuToStockCode = Map.copyOf(skuToStockCode);
            deliveryMethodToCourier = Map.copyOf(deliveryMethodToCourier);
            bufferByStockCode = Map.copyOf(bufferByStockCode);
            courierToShippingMethod = Map.copyOf(courierToShippingMethod);
            promotionToItem = Map.copyOf(promotionToItem);
            returnReasons = Map.copyOf(returnReasons);
        }

        public Overrides(Map<String, String> skuToStockCode, Map<String, String> deliveryMethodToCourier,
                         Map<String, String> bufferByStockCode, Map<String, String> courierToShippingMethod,
                         Map<String, String> promotionToItem) {
            this(skuToStockCode, deliveryMethodToCourier, bufferByStockCode, courierToShippingMethod, promotionToItem, Map.of());
        }

        public Overrides(Map<String, String> skuToStockCode, Map<String, String> deliveryMethodToCourier,
                         Map<String, String> bufferByStockCode, Map<String, String> courierToShippingMethod) {
            this(skuToStockCode, deliveryMethodToCourier, bufferByStockCode, courierToShippingMethod, Map.of());
        }

        public Overrides(Map<String, String> skuToStockCode, Map<String, String> deliveryMethodToCourier,
                         Map<String, String> bufferByStockCode) {
            this(skuToStockCode, deliveryMethodToCourier, bufferByStockCode, Map.of());
        }

        /** The stock code a shop SKU sells: an override, else the SKU itself. */
        public String stockCodeFor(String sku) {
            return skuToStockCode.getOrDefault(sku, sku);
        }

        /** The shop SKUs that sell a stock code: those mapped to it, and the code itself unless it is mapped elsewhere. */
        public Set<String> skusFor(String stockCode) {
            Set<String> skus = new TreeSet<>();
            skuToStockCode.forEach((sku, code) -> {
                if (code.equals(stockCode)) {
                    skus.add(sku);
                }
            });
            if (!skuToStockCode.containsKey(stockCode)) {
                skus.add(stockCode);
            }
            return skus;
        }
    }
}
