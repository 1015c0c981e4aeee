package com.shopkhaos.simulators.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * An admin's edit of a placed order through Shopware's order versioning, over real HTTP: the live order changes only
 * when the version is merged, keeps its ids, moves stock by the change, and fires no checkout.order.placed.
 */
class ShopwareOrderEditTest {
    private static final String ORDER = "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2},"
            + "{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}],\"shippingMethod\":\"standard\",\"paid\":true}";

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode line(JsonNode order, String sku) {
        for (JsonNode item : order.path("lineItems")) {
            if (sku.equals(item.path("payload").path("productNumber").asText())) {
                return item;
            }
        }
        return null;
    }

    private static int stock(SimulatedShop shop, String sku) {
        return shop.client.control("GET", "/products/" + sku, null).path("stock").asInt();
    }

    private static BigDecimal taxes(JsonNode calculatedTaxes) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode t : calculatedTaxes) {
            sum = sum.add(t.path("tax").decimalValue());
        }
        return sum;
    }

    /** Horizontal (the default) adds up each position's rounded tax; vertical rounds each rate's tax once. */
    @Test
    void aNetOrderRecalculatedUnderVerticalTaxCalculation_taxesEachRatesSummedPricesOnce_andTheDefaultAddsEachPositionsTax() throws Exception {
        try (SimulatedShop shop = new SimulatedShop("checkout.order.placed")) {
            assertThat(shop.client.control("GET", "/settings", null).path("taxCalculationType").asText()).isEqualTo("horizontal");
            JsonNode placed = shop.placeOrder("{\"customer\":\"trade\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":3},"
                    + "{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}],\"shippingMethod\":\"standard\"}");
            String number = placed.path("orderNumber").asText();
            JsonNode horizontal = shop.client.control("GET", "/orders/" + number, null);
            BigDecimal positions = taxes(horizontal.path("shippingCosts").path("calculatedTaxes"));
            for (JsonNode item : horizontal.path("lineItems")) {
                positions = positions.add(taxes(item.path("price").path("calculatedTaxes")));
            }
            assertThat(taxes(horizontal.path("price").path("calculatedTaxes"))).isEqualByComparingTo(positions);

            shop.client.control("PUT", "/settings", "{\"taxCalculationType\":\"vertical\"}");
            shop.client.control("POST", "/orders/" + number + "/edit", "{\"set\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":3}]}");
            JsonNode vertical = shop.client.control("GET", "/orders/" + number, null);
            for (JsonNode t : vertical.path("price").path("calculatedTaxes")) {
                assertThat(t.path("tax").decimalValue()).as("rate " + t.path("taxRate")).isEqualByComparingTo(t.path("price")
                        .decimalValue().multiply(t.path("taxRate").decimalValue()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
            }
            assertThat(vertical.path("amountNet").decimalValue()).isEqualByComparingTo(horizontal.path("amountNet").decimalValue());
            assertThat(vertical.path("amountTotal").decimalValue()).isEqualByComparingTo(vertical.path("amountNet").decimalValue()
                    .add(taxes(vertical.path("price").path("calculatedTaxes"))));
            assertThat(shop.client.call("PUT", "/_control/settings", "{\"taxCalculationType\":\"diagonal\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void aVersionedEdit_changesTheLiveOrderOnlyWhenMerged_keepsItsLineIds_andMovesStockByTheChange() throws Exception {
        try (SimulatedShop shop = new SimulatedShop("checkout.order.placed", "order.written")) {
            JsonNode placed = shop.placeOrder(ORDER);
            String orderId = placed.path("id").asText();
            await(() -> shop.app.webhooks.size() >= 1, "the placed webhook");
            JsonNode before = shop.client.control("GET", "/orders/" + orderId, null);
            String scarfLine = line(before, "SCARF-MER-GRY").path("id").asText();
            String hatLine = line(before, "HAT-BEANIE-NVY").path("id").asText();
            int scarfStock = stock(shop, "SCARF-MER-GRY");
            int hatStock = stock(shop, "HAT-BEANIE-NVY");
            String socks = shop.client.control("GET", "/products/SOCKS-WOOL-3PK", null).path("id").asText();
            String token = shop.token();

            ShopClient.Answer live = shop.client.api(token, "POST", "/_action/order/" + orderId + "/recalculate", "{}");
            assertThat(live.status()).isEqualTo(400);
            assertThat(live.json().path("errors").path(0).path("code").asText()).isEqualTo("CHECKOUT__ORDER_CAN_NOT_RECALCULATE_LIVE_VERSION");

            ShopClient.Answer created = shop.client.api(token, "POST", "/_action/version/order/" + orderId, "{}");
            assertThat(created.status()).isEqualTo(200);
            String version = created.json().path("versionId").asText();
            assertThat(shop.client.api(token, "PATCH", "/order-line-item/" + scarfLine, "{\"quantity\":3}", "sw-version-id", version)
                    .status()).isEqualTo(204);
            assertThat(shop.client.api(token, "DELETE", "/order-line-item/" + hatLine, null, "sw-version-id", version).status())
                    .isEqualTo(204);
            assertThat(shop.client.api(token, "POST", "/_action/order/" + orderId + "/product/" + socks, "{\"quantity\":1}",
                    "sw-version-id", version).status()).isEqualTo(204);
            assertThat(shop.client.api(token, "POST", "/_action/order/" + orderId + "/recalculate", "{}", "sw-version-id", version)
                    .status()).isEqualTo(204);
            JsonNode unmerged = shop.client.control("GET", "/orders/" + orderId, null);
            assertThat(unmerged.path("amountTotal").asDouble()).as("the live order is untouched until the merge")
                    .isEqualTo(before.path("amountTotal").asDouble());

            assertThat(shop.client.api(token, "POST", "/_action/version/merge/order/" + version, "{}").status()).isEqualTo(204);

            JsonNode after = shop.client.control("GET", "/orders/" + orderId, null);
            assertThat(line(after, "SCARF-MER-GRY").path("id").asText()).as("a line keeps its id").isEqualTo(scarfLine);
            assertThat(line(after, "SCARF-MER-GRY").path("quantity").asInt()).isEqualTo(3);
            assertThat(line(after, "HAT-BEANIE-NVY")).isNull();
            assertThat(line(after, "SOCKS-WOOL-3PK").path("quantity").asInt()).isEqualTo(1);
            assertThat(after.path("amountTotal").asDouble()).as("3 x 25.00 + 12.00 + standard delivery")
                    .isEqualTo(75.0 + 12.0 + before.path("shippingTotal").asDouble());
            assertThat(after.path("updatedAt").asText()).isNotEmpty();
            assertThat(after.path("orderNumber").asText()).isEqualTo(before.path("orderNumber").asText());
            assertThat(after.path("transactions").path(0).path("id").asText())
                    .isEqualTo(before.path("transactions").path(0).path("id").asText());
            assertThat(stock(shop, "SCARF-MER-GRY")).isEqualTo(scarfStock - 1);
            assertThat(stock(shop, "HAT-BEANIE-NVY")).isEqualTo(hatStock + 1);

            await(() -> shop.app.webhooks.stream().anyMatch(w -> w.body().contains("\"order.written\"")), "order.written");
            assertThat(shop.app.webhooks.stream().filter(w -> w.body().contains("\"checkout.order.placed\"")).count())
                    .as("an edit is not a new order").isEqualTo(1);
            assertThat(shop.client.api(token, "POST", "/_action/version/merge/order/" + version, "{}").status())
                    .as("a merged version is gone").isEqualTo(400);
        }
    }

    @Test
    void theControlShortcut_editsAsTheAdminWould_andAnUnknownLineIsRefused() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            JsonNode placed = shop.placeOrder(ORDER);
            String number = placed.path("orderNumber").asText();

            JsonNode edited = shop.client.control("POST", "/orders/" + number + "/edit",
                    "{\"set\":[{\"sku\":\"SCARF-MER-GRY\",\"unitPrice\":20.00}],\"remove\":[\"HAT-BEANIE-NVY\"]}");

            JsonNode order = shop.client.control("GET", "/orders/" + number, null);
            assertThat(line(order, "SCARF-MER-GRY").path("unitPrice").asDouble()).isEqualTo(20.0);
            assertThat(line(order, "HAT-BEANIE-NVY")).isNull();
            assertThat(edited.path("amountTotal").asDouble()).isEqualTo(order.path("amountTotal").asDouble());
            assertThat(shop.client.call("POST", "/_control/orders/" + number + "/edit", "{\"remove\":[\"NO-SUCH\"]}").status())
                    .isEqualTo(400);
        }
    }
}
