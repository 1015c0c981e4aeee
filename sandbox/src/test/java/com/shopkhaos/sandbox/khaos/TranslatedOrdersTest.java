package com.shopkhaos.sandbox.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.khaos.KccSalesOrderWriter;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.sandbox.shopware.OrderRequest;
import com.shopkhaos.sandbox.shopware.ShopwareSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both simulators around the translation: an order placed in the Shopware simulator, translated and
 * written as KCC JSON, passes the Khaos simulator's import validation and its totals match to the penny.
 */
class TranslatedOrdersTest {
    private static final OrderTranslationPolicy POLICY = new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP",
            OrderTranslationPolicy.parsePairs("royal_mail_tracked_48=RM48,royal_mail_tracked_24=RM24,dpd_next_day=DPDND,"
                    + "click_and_collect=COLLECT", "KHAOS_COURIERS"),
            Map.of("payment_card", "Card", "payment_paypal", "PayPal"), Set.of("payment_invoice"), Set.of("cart", "setgroup"),
            Map.of("BOOK-KNIT-GUIDE", "BK-KNIT-01"));

    @ParameterizedTest
    @ValueSource(strings = {"jane|SCARF-MER-GRY:1,KIDS-COAT-5Y:1,CAR-SEAT-INF:1|standard|SAVE10",
            "gareth|SOCKS-WOOL-3PK:2,SOCKS-BAMBOO-2PK:2|express|SOCKS3FOR2",
            "trade|CAR-SEAT-INF:1,SCARF-MER-GRY:2|nextday|FIVEOFF",
            "lars|SCARF-MER-GRY:2,BOOK-KNIT-GUIDE:1|express|",
            "siobhan|TSHIRT-ORG-BLK-M:3,CANDLE-SOY-LRG:1|collect|FIVEOFF",
            "omar|BLANKET-WOOL-KING:1,KIDS-WELLIES-9:2,HAT-BEANIE-NVY:1|standard|SAVE10"})
    void aShopOrder_translated_passesKhaosImport_withTheSameTotal(String description) {
        String[] parts = description.split("\\|", -1);
        List<OrderRequest.Line> lines = java.util.Arrays.stream(parts[1].split(","))
                .map(l -> new OrderRequest.Line(l.split(":")[0], Integer.parseInt(l.split(":")[1]))).toList();
        try (ShopwareSimulator shop = new ShopwareSimulator(ShopwareSimulator.Settings.defaults())) {
            ObjectNode placed = shop.placeOrder(new OrderRequest(parts[0], lines, parts[2], parts[3].isEmpty() ? null : parts[3],
                    null, true));
            KccCatalogue catalogue = new KccCatalogue();
            OrderTranslator.Result result = OrderTranslator.translate(ShopwareOrderMapper.read(placed), POLICY,
                    code -> catalogue.byCode(code).map(i -> item(catalogue, i)));
            assertThat(result.problems()).isEmpty();
            JsonNode salesOrder = KccSalesOrderWriter.write(result.salesOrder().orElseThrow());

            SalesOrderValidator.Decision decision = new SalesOrderValidator(catalogue, new KccStock(catalogue))
                    .check(salesOrder, com.shopkhaos.sandbox.sim.SimJson.object(), ref -> false);
            assertThat(decision.problems()).isEmpty();

            try (KhaosSimulator khaos = new KhaosSimulator(new KhaosSimulator.Settings(1L, "http://127.0.0.1:9/none",
                    new com.shopkhaos.model.khaos.ChannelCredentials("u", "p"), Duration.ZERO, Duration.ZERO, "3"))) {
                KccOrder imported = importDirectly(khaos, salesOrder);
                assertThat(imported.total).as("what Khaos totals before its rounding correction")
                        .isEqualByComparingTo(placed.path("amountTotal").decimalValue());
                assertThat(imported.roundingCorrection).isEqualByComparingTo("0");
            }
        }
    }

    private static KccOrder importDirectly(KhaosSimulator khaos, JsonNode salesOrder) {
        com.fasterxml.jackson.databind.node.ArrayNode refused = com.shopkhaos.sandbox.sim.SimJson.array();
        Optional<KccOrder> order = khaos.importOrder(salesOrder, com.shopkhaos.sandbox.sim.SimJson.object(), refused);
        assertThat(refused).isEmpty();
        return order.orElseThrow();
    }

    private static CatalogueItem item(KccCatalogue catalogue, KccItem i) {
        return new CatalogueItem(i.stockId, i.stockCode, i.description, i.otherRef, i.taxCode,
                Optional.of(catalogue.taxRates.get(i.taxCode).percent()), i.discontinued, i.runToZero, i.stockControlled,
                i.publishOnWeb, i.nonPhysical, false, Instant.EPOCH);
    }
}
