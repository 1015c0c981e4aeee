package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Admin API over real HTTP, checked against how Shopware 6.6 behaves. */
class ShopwareAdminApiTest {
    private SimulatedShop shop;
    private String token;

    @BeforeEach
    void start() throws Exception {
        shop = new SimulatedShop();
        token = shop.token();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private ShopClient.Answer api(String method, String path, String body, String... headers) {
        return shop.client.api(token, method, path, body, headers);
    }

    private int stockOf(String sku) {
        return shop.client.control("GET", "/products/" + sku, null).path("stock").asInt();
    }

    @Test
    void token_isIssuedForTheAppsCredentials_andRefusedForWrongOnes() {
        ShopClient.Answer ok = shop.client.call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + shop.app.confirmedApiKey + "\",\"client_secret\":\"" + shop.app.confirmedSecretKey + "\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().path("expires_in").asInt()).isEqualTo(600);
        assertThat(ok.json().path("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        ShopClient.Answer wrong = shop.client.call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + shop.app.confirmedApiKey + "\",\"client_secret\":\"guess\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("errors").path(0).path("code").asText()).isEqualTo("4");
    }

    @Test
    void tokenEndpoint_isRateLimited_afterTenTriesInTenSeconds() {
        int last = 0;
        for (int i = 0; i < 11; i++) {
            last = shop.client.call("POST", "/api/oauth/token",
                    "{\"grant_type\":\"client_credentials\",\"client_id\":\"x\",\"client_secret\":\"y\"}").status();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void anExpiredToken_gets401_andANewOneWorks() {
        assertThat(api("GET", "/_info/version", null).status()).isEqualTo(200);
        shop.client.control("POST", "/clock/advance", "{\"seconds\":601}");
        ShopClient.Answer expired = api("GET", "/_info/version", null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("errors").path(0).path("detail").asText()).isEqualTo("Access token could not be verified");
        token = shop.token();
        assertThat(api("GET", "/_info/version", null).status()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAToken_orWithoutAcceptJson_areRefused() {
        assertThat(shop.client.call("POST", "/api/search/product", "{}").status()).isEqualTo(401);
        assertThat(shop.client.call("POST", "/api/search/product", "{}", "Authorization", "Bearer " + token).status())
                .isEqualTo(406);
    }

    @Test
    void searchProduct_bySkus_withIncludes_answersOnlyThoseProductsAndFields() {
        ShopClient.Answer answer = api("POST", "/search/product", "{\"filter\":[{\"type\":\"equalsAny\",\"field\":\"productNumber\","
                + "\"value\":[\"SCARF-MER-GRY\",\"MUG-STONE-BLU\",\"NOT-A-SKU\"]}],\"includes\":{\"product\":[\"id\",\"productNumber\","
                + "\"stock\",\"parentId\",\"isCloseout\",\"active\"]},\"limit\":500,\"total-count-mode\":1}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("total").asInt()).isEqualTo(2);
        List<String> skus = new ArrayList<>();
        answer.json().path("data").forEach(p -> {
            skus.add(p.path("productNumber").asText());
            assertThat(p.has("name")).isFalse();
            assertThat(p.has("stock")).isTrue();
        });
        assertThat(skus).containsExactlyInAnyOrder("SCARF-MER-GRY", "MUG-STONE-BLU");
    }

    @Test
    void search_filtersByEqualsAndRange_sortsAndPages() {
        ShopClient.Answer closeouts = api("POST", "/search/product",
                "{\"filter\":[{\"type\":\"equals\",\"field\":\"isCloseout\",\"value\":true}]}");
        assertThat(closeouts.json().path("data")).extracting(p -> p.path("productNumber").asText())
                .containsExactlyInAnyOrder("MUG-STONE-BLU", "LAMP-BRASS-DESK");

        ShopClient.Answer lowStock = api("POST", "/search/product", "{\"filter\":[{\"type\":\"range\",\"field\":\"stock\","
                + "\"parameters\":{\"gte\":1,\"lte\":5}}],\"sort\":[{\"field\":\"stock\",\"order\":\"DESC\"}],\"limit\":2,\"page\":1,"
                + "\"total-count-mode\":1}");
        assertThat(lowStock.json().path("total").asInt()).isEqualTo(3);
        assertThat(lowStock.json().path("data")).extracting(p -> p.path("stock").asInt()).containsExactly(5, 3);
    }

    @Test
    void search_refusesALimitOver500() {
        ShopClient.Answer answer = api("POST", "/search/product", "{\"limit\":501}");
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.json().path("errors").path(0);
        assertThat(error.path("code").asText()).isEqualTo("FRAMEWORK__QUERY_LIMIT_EXCEEDED");
        assertThat(error.path("source").path("pointer").asText()).isEqualTo("/limit");
    }

    @Test
    void orderDetail_carriesOnlyTheRequestedAssociations() {
        String orderId = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}]}")
                .path("id").asText();
        JsonNode bare = api("GET", "/order/" + orderId, null).json().path("data");
        assertThat(bare.has("lineItems")).isFalse();
        assertThat(bare.path("orderNumber").asText()).isNotEmpty();

        JsonNode full = api("GET", "/order/" + orderId + "?associations[lineItems][]=&associations[deliveries][associations][shippingMethod][]=",
                null).json().path("data");
        assertThat(full.path("lineItems").path(0).path("payload").path("productNumber").asText()).isEqualTo("SCARF-MER-GRY");
        assertThat(full.path("deliveries").path(0).path("shippingMethod").path("technicalName").asText())
                .isEqualTo("royal_mail_tracked_48");
        assertThat(full.path("deliveries").path(0).has("stateMachineState")).isFalse();

        JsonNode searched = api("POST", "/search/order", "{\"filter\":[{\"type\":\"equals\",\"field\":\"orderNumber\",\"value\":\""
                + full.path("orderNumber").asText() + "\"}],\"associations\":{\"transactions\":{\"associations\":"
                + "{\"paymentMethod\":{}}}}}").json().path("data").path(0);
        assertThat(searched.path("transactions").path(0).path("paymentMethod").path("technicalName").asText()).isEqualTo("payment_card");
        assertThat(api("GET", "/order/ffffffffffffffffffffffffffffffff", null).status()).isEqualTo(404);
    }

    @Test
    void orderReturns_areCommercialOnly_andNameTheOrderLineTheUnitsAndTheReason() {
        JsonNode placed = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2}]}");
        String orderId = placed.path("id").asText();
        String search = "{\"filter\":[{\"type\":\"equals\",\"field\":\"orderId\",\"value\":\"" + orderId + "\"}],"
                + "\"associations\":{\"lineItems\":{\"associations\":{\"reason\":{}}}}}";
        ShopClient.Answer absent = api("POST", "/search/order-return", search);
        assertThat(absent.status()).as("a shop without Commercial has no such entity").isEqualTo(404);
        assertThat(absent.body()).contains("FRAMEWORK__DEFINITION_NOT_FOUND");

        shop.client.control("PUT", "/settings", "{\"orderReturns\":\"commercial\"}");
        shop.client.control("POST", "/orders/" + orderId + "/returns", "{\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1,"
                + "\"reason\":\"damaged\"}]}");
        JsonNode line = api("POST", "/search/order-return", search).json().path("data").path(0).path("lineItems").path(0);
        JsonNode order = api("GET", "/order/" + orderId + "?associations[lineItems][]=", null).json().path("data");
        assertThat(line.path("orderLineItemId").asText()).isEqualTo(order.path("lineItems").path(0).path("id").asText());
        assertThat(line.path("quantity").asInt()).isEqualTo(1);
        assertThat(line.path("reason").path("reasonKey").asText()).isEqualTo("damaged");
    }

    @Test
    void sync_upsertsStock_andOneBadRowFailsTheWholeRequest() {
        String scarf = shop.client.control("GET", "/products/SCARF-MER-GRY", null).path("id").asText();
        String hat = shop.client.control("GET", "/products/HAT-BEANIE-NVY", null).path("id").asText();
        ShopClient.Answer ok = api("POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\""
                + scarf + "\",\"stock\":7},{\"id\":\"" + hat + "\",\"stock\":0}]}]", "indexing-behavior", "use-queue-indexing");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("data").path("product")).extracting(JsonNode::asText).containsExactly(scarf, hat);
        assertThat(stockOf("SCARF-MER-GRY")).isEqualTo(7);
        assertThat(stockOf("HAT-BEANIE-NVY")).isZero();

        ShopClient.Answer bad = api("POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\""
                + scarf + "\",\"stock\":9},{\"id\":\"" + hat + "\",\"stock\":\"lots\"}]}]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("source").path("pointer").asText()).isEqualTo("/0/1/stock");
        assertThat(stockOf("SCARF-MER-GRY")).as("nothing written when one row is bad").isEqualTo(7);
    }

    @Test
    void sync_withIndexingDisabled_leavesAvailabilityStale_asShopwareDoes() {
        String mug = shop.client.control("GET", "/products/MUG-STONE-BLU", null).path("id").asText();
        api("POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\"" + mug
                + "\",\"stock\":0}]}]", "indexing-behavior", "disable-indexing");
        assertThat(shop.client.control("GET", "/products/MUG-STONE-BLU", null).path("available").asBoolean()).isTrue();
        api("POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\"" + mug
                + "\",\"stock\":0}]}]", "indexing-behavior", "use-queue-indexing");
        assertThat(shop.client.control("GET", "/products/MUG-STONE-BLU", null).path("available").asBoolean()).isFalse();
    }

    @Test
    void patchDelivery_writesTrackingCodes_butNeverTheStateDirectly() {
        JsonNode order = shop.placeOrder("{\"customer\":\"omar\",\"lines\":[{\"sku\":\"CANDLE-SOY-LRG\",\"quantity\":1}]}");
        String delivery = order.path("deliveryIds").path(0).asText();
        ShopClient.Answer patched = api("PATCH", "/order-delivery/" + delivery, "{\"trackingCodes\":[\"JD014600003GB\",\"JD014600004GB\"]}");
        assertThat(patched.status()).isEqualTo(204);
        assertThat(patched.raw().headers().firstValue("Location")).hasValue(shop.server.baseUrl() + "/api/order-delivery/" + delivery);
        assertThat(shop.client.control("GET", "/deliveries/" + delivery, null).path("trackingCodes"))
                .extracting(JsonNode::asText).containsExactly("JD014600003GB", "JD014600004GB");

        ShopClient.Answer state = api("PATCH", "/order-delivery/" + delivery, "{\"stateId\":\"" + "a".repeat(32) + "\"}");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json().path("errors").path(0).path("code").asText()).isEqualTo("FRAMEWORK__WRITE_PROTECTED_FIELD");
        assertThat(api("PATCH", "/order-delivery/" + "b".repeat(32), "{\"trackingCodes\":[]}").status()).isEqualTo(400);
    }

    @Test
    void deliveryTransitions_followShopwaresStateMachine_aTransitionToTheStateHeldDoesNothing_andSendMailIsRecorded() {
        JsonNode order = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2}]}");
        String delivery = order.path("deliveryIds").path(0).asText();
        ShopClient.Answer partial = api("POST", "/_action/order_delivery/" + delivery + "/state/ship_partially", "{\"sendMail\":false}");
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().path("technicalName").asText()).isEqualTo("shipped_partially");
        assertThat(api("POST", "/_action/order_delivery/" + delivery + "/state/ship", null).json().path("technicalName").asText())
                .isEqualTo("shipped");

        // StateMachineRegistry: a transition whose destination is the state held is unnecessary: 200, nothing changes
        ShopClient.Answer again = api("POST", "/_action/order_delivery/" + delivery + "/state/ship", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("technicalName").asText()).isEqualTo("shipped");
        int mailsBefore = shop.client.control("GET", "/mails", null).path("mails").size();

        ShopClient.Answer illegal = api("POST", "/_action/order_delivery/" + delivery + "/state/ship_partially", null);
        assertThat(illegal.status()).isEqualTo(400);
        assertThat(illegal.json().path("errors").path(0).path("code").asText()).isEqualTo("SYSTEM__ILLEGAL_STATE_TRANSITION");
        assertThat(illegal.json().path("errors").path(0).path("meta").path("parameters").path("possibleTransitions"))
                .extracting(JsonNode::asText).contains("retour", "reopen");
        assertThat(shop.client.control("GET", "/mails", null).path("mails")).as("no mail for a transition that did nothing")
                .hasSize(mailsBefore);

        JsonNode history = shop.client.control("GET", "/deliveries/" + delivery, null);
        assertThat(history.path("state").asText()).isEqualTo("shipped");
        assertThat(history.path("transitions")).extracting(t -> t.path("transition").asText() + ":" + t.path("sendMail").asBoolean())
                .containsExactly("ship_partially:false", "ship:true");
    }

    @Test
    void orderTransitions_needProcessBeforeComplete() {
        String orderId = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}]}")
                .path("id").asText();
        assertThat(api("POST", "/_action/order/" + orderId + "/state/complete", null).status()).isEqualTo(400);
        assertThat(api("POST", "/_action/order/" + orderId + "/state/process", null).status()).isEqualTo(200);
        assertThat(api("POST", "/_action/order/" + orderId + "/state/complete", null).json().path("technicalName").asText())
                .isEqualTo("completed");
        assertThat(api("POST", "/_action/order/" + "c".repeat(32) + "/state/process", null).json().path("errors").path(0)
                .path("code").asText()).isEqualTo("SYSTEM__STATE_MACHINE_INVALID_ENTITY_ID");
    }

    @Test
    void stock_asIn66_ordersTakeIt_closeoutStopsAtZero_othersGoNegative_cancelGivesItBack() {
        int before = stockOf("SCARF-MER-GRY");
        JsonNode order = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":3}]}");
        assertThat(stockOf("SCARF-MER-GRY")).isEqualTo(before - 3);

        ShopClient.Answer tooMany = shop.client.call("POST", "/_control/orders",
                "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"MUG-STONE-BLU\",\"quantity\":4}]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("errors").path(0).path("code").asText()).isEqualTo("CHECKOUT__PRODUCT_STOCK_REACHED");
        shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"MUG-STONE-BLU\",\"quantity\":3}]}");
        JsonNode mug = shop.client.control("GET", "/products/MUG-STONE-BLU", null);
        assertThat(mug.path("stock").asInt()).isZero();
        assertThat(mug.path("available").asBoolean()).isFalse();

        shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"UMBRELLA-GOLF\",\"quantity\":2}]}");
        assertThat(stockOf("UMBRELLA-GOLF")).isEqualTo(-2);

        shop.client.control("POST", "/orders/" + order.path("id").asText() + "/cancel", null);
        assertThat(stockOf("SCARF-MER-GRY")).isEqualTo(before);
    }

    @Test
    void latencyAndTimeoutFaults_slowTheApiDown_untilAClientGivesUp() throws Exception {
        shop.client.control("PUT", "/faults", "{\"apiLatencyMs\":300}");
        long started = System.nanoTime();
        assertThat(api("GET", "/_info/version", null).status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(250);

        shop.client.control("PUT", "/faults", "{\"apiLatencyMs\":0,\"apiTimeoutRate\":1,\"apiTimeoutMs\":3000}");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(shop.server.baseUrl() + "/api/_info/version"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofMillis(500)).GET().build();
        Assertions.assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        shop.client.control("PUT", "/faults", "{\"apiTimeoutRate\":0}");
    }

    @Test
    void faultSettings_areValidated() {
        ShopClient.Answer bad = shop.client.call("PUT", "/_control/faults", "{\"apiErrorRate\":1.5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("apiErrorRate must be between 0 and 1");
    }

    @Test
    void theAppsPermissions_areEnforced() throws Exception {
        try (SimulatedShop narrow = new SimulatedShop()) {
            String manifest = narrow.app.manifest().replace("<update>product</update>", "");
            narrow.client.control("POST", "/apps/install", SimJson.write(SimJson.object().put("manifestXml", manifest)));
            String narrowToken = narrow.token();
            String scarf = narrow.client.control("GET", "/products/SCARF-MER-GRY", null).path("id").asText();
            ShopClient.Answer denied = narrow.client.api(narrowToken, "POST", "/_action/sync",
                    "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\"" + scarf + "\",\"stock\":3}]}]");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body()).contains("product:update");
        }
    }
}
