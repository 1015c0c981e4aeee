package com.shopkhaos.infra.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Real Shopware order JSON (the Admin API's answer with every association translation needs, recorded
 * from the Shopware simulator) and a Khaos catalogue and policy as the sandbox configures them.
 */
public final class OrderFixtures {
    private OrderFixtures() {
    }

    public static ObjectNode order(String name) {
        try (InputStream in = OrderFixtures.class.getResourceAsStream("/orders/" + name + ".json")) {
            return (ObjectNode) InfraJson.mapper().readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no order fixture " + name, e);
        }
    }

    public static OrderTranslationPolicy policy() {
        return policy(Map.of());
    }

    public static OrderTranslationPolicy policy(Map<String, String> skuOverrides) {
        return new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP",
                OrderTranslationPolicy.parsePairs("royal_mail_tracked_48=RM48,royal_mail_tracked_24=RM24,dpd_next_day=DPDND,"
                        + "click_and_collect=COLLECT", "KHAOS_COURIERS"),
                Map.of("payment_card", "Card", "payment_paypal", "PayPal"), Set.of("payment_invoice"), Set.of("cart", "setgroup"),
                skuOverrides);
    }

    /** The Khaos catalogue the KCC simulator seeds: stock codes and their VAT rates. */
    public static Map<String, CatalogueItem> catalogue() {
        Map<String, CatalogueItem> items = new HashMap<>();
        Map<String, Integer> rates = Map.ofEntries(Map.entry("SCARF-MER-GRY", 20), Map.entry("HAT-BEANIE-NVY", 20),
                Map.entry("TSHIRT-ORG-BLK-S", 20), Map.entry("TSHIRT-ORG-BLK-M", 20), Map.entry("TSHIRT-ORG-BLK-L", 20),
                Map.entry("TSHIRT-ORG-WHT-M", 20), Map.entry("SOCKS-WOOL-3PK", 20), Map.entry("SOCKS-BAMBOO-2PK", 20),
                Map.entry("KIDS-COAT-5Y", 0), Map.entry("KIDS-WELLIES-9", 0), Map.entry("BK-KNIT-01", 0),
                Map.entry("CAR-SEAT-INF", 5), Map.entry("CANDLE-SOY-LRG", 20), Map.entry("BLANKET-WOOL-KING", 20),
                Map.entry("MUG-STONE-BLU", 20), Map.entry("LAMP-BRASS-DESK", 20));
        int id = 7001;
        for (Map.Entry<String, Integer> e : rates.entrySet()) {
            String code = e.getValue() == 20 ? "1" : e.getValue() == 5 ? "2" : "3";
            items.put(e.getKey(), new CatalogueItem(Integer.toString(id++), e.getKey(), e.getKey(), "", code,
                    Optional.of(BigDecimal.valueOf(e.getValue())), e.getKey().equals("LAMP-BRASS-DESK"),
                    e.getKey().equals("MUG-STONE-BLU"), true, true, false, false, Instant.parse("2026-11-27T09:00:00Z")));
        }
        return items;
    }

    public static Function<String, Optional<CatalogueItem>> lookup(Map<String, CatalogueItem> catalogue) {
        return code -> Optional.ofNullable(catalogue.get(code));
    }

    public static JsonNode line(ObjectNode order, String sku) {
        for (JsonNode item : order.path("lineItems")) {
            if (item.path("payload").path("productNumber").asText().equals(sku)) {
                return item;
            }
        }
        throw new AssertionError("no line " + sku);
    }
}
