package com.shopkhaos.simulators.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders priced as Shopware prices them, worked by hand: VAT per line and rate, promotions split across
 * rates in proportion, delivery taxed like the cart, gross totals for consumers, net for trade.
 */
class CheckoutPricingTest {
    private static SimulatedShop shop;

    @BeforeAll
    static void start() throws Exception {
        shop = new SimulatedShop();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static JsonNode order(String request) {
        String id = shop.placeOrder(request).path("id").asText();
        return shop.client.control("GET", "/orders/" + id, null);
    }

    private static Map<Integer, Double> taxByRate(JsonNode order) {
        Map<Integer, Double> taxes = new HashMap<>();
        order.path("price").path("calculatedTaxes").forEach(t -> taxes.put(t.path("taxRate").asInt(), t.path("tax").asDouble()));
        return taxes;
    }

    @Test
    void consumer_mixedVatRates_withAPercentagePromotion() {
        JsonNode order = order("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1},"
                + "{\"sku\":\"KIDS-COAT-5Y\",\"quantity\":1},{\"sku\":\"CAR-SEAT-INF\",\"quantity\":1}],"
                + "\"shippingMethod\":\"standard\",\"promotionCode\":\"SAVE10\"}");
        assertThat(order.path("taxStatus").asText()).isEqualTo("gross");
        assertThat(order.path("positionPrice").asDouble()).isEqualTo(162.00);
        assertThat(order.path("shippingTotal").asDouble()).isEqualTo(3.99);
        assertThat(order.path("amountTotal").asDouble()).isEqualTo(165.99);
        assertThat(taxByRate(order)).containsEntry(20, 3.84).containsEntry(5, 5.27).containsEntry(0, 0.0);
        assertThat(order.path("amountNet").asDouble()).isEqualTo(156.88);
        JsonNode promotion = order.path("lineItems").path(3);
        assertThat(promotion.path("type").asText()).isEqualTo("promotion");
        assertThat(promotion.path("totalPrice").asDouble()).isEqualTo(-18.00);
        assertThat(promotion.path("payload").path("productNumber").isMissingNode()).as("promotion lines have no SKU").isTrue();
        assertThat(promotion.path("price").path("calculatedTaxes")).extracting(t -> t.path("taxRate").asInt() + ":" + t.path("tax").asDouble())
                .containsExactly("20:-0.42", "5:-0.57", "0:0.0");
    }

    @Test
    void tradeCustomer_netPrices_withAnAbsolutePromotionSplitAcrossRates() {
        JsonNode order = order("{\"customer\":\"trade\",\"lines\":[{\"sku\":\"CAR-SEAT-INF\",\"quantity\":1},"
                + "{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2}],\"shippingMethod\":\"nextday\",\"promotionCode\":\"FIVEOFF\"}");
        assertThat(order.path("taxStatus").asText()).isEqualTo("net");
        assertThat(order.path("lineItems").path(0).path("unitPrice").asDouble()).isEqualTo(114.29);
        assertThat(order.path("lineItems").path(1).path("totalPrice").asDouble()).isEqualTo(41.66);
        assertThat(order.path("positionPrice").asDouble()).isEqualTo(150.95);
        assertThat(order.path("shippingTotal").asDouble()).isEqualTo(6.66);
        assertThat(taxByRate(order)).containsEntry(20, 8.42).containsEntry(5, 5.77);
        assertThat(order.path("amountNet").asDouble()).isEqualTo(157.61);
        assertThat(order.path("amountTotal").asDouble()).isEqualTo(171.80);
        assertThat(order.path("transactions").path(0).path("paymentMethod").path("technicalName").asText()).isEqualTo("payment_invoice");
    }

    @Test
    void buyTwoGetOne_makesTheCheapestOfEachCompleteSetFree() {
        JsonNode order = order("{\"customer\":\"gareth\",\"lines\":[{\"sku\":\"SOCKS-WOOL-3PK\",\"quantity\":2},"
                + "{\"sku\":\"SOCKS-BAMBOO-2PK\",\"quantity\":2}],\"promotionCode\":\"SOCKS3FOR2\"}");
        JsonNode promotion = order.path("lineItems").path(2);
        assertThat(promotion.path("totalPrice").asDouble()).isEqualTo(-9.00);
        assertThat(promotion.path("payload").path("discountScope").asText()).as("Shopware writes a set group's scope with its group id").startsWith("setgroup-");
        assertThat(order.path("amountTotal").asDouble()).isEqualTo(36.99);
    }

    @Test
    void deliveryMethods_carryTheirTechnicalName_orNullForALegacyOne() {
        JsonNode order = order("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}],\"shippingMethod\":\"legacy\"}");
        JsonNode method = order.path("deliveries").path(0).path("shippingMethod");
        assertThat(method.path("name").asText()).isEqualTo("Courier (legacy setup)");
        assertThat(method.path("technicalName").isNull()).isTrue();
    }

    @Test
    void unknownCustomersSkusAndCodes_areRefusedWithAClearError() {
        assertThat(shop.client.call("POST", "/_control/orders", "{\"customer\":\"nobody\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}]}")
                .body()).contains("SIMULATOR__UNKNOWN_CUSTOMER").contains("jane");
        assertThat(shop.client.call("POST", "/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"NOPE\",\"quantity\":1}]}")
                .status()).isEqualTo(400);
        assertThat(shop.client.call("POST", "/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}],"
                + "\"promotionCode\":\"FREEBIE\"}").body()).contains("CHECKOUT__CODE_NOT_FOUND");
        assertThat(shop.client.call("POST", "/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"TSHIRT-ORG\",\"quantity\":1}]}")
                .body()).contains("parent product");
    }
}
