package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Installing an app and receiving its webhooks, the way a Shopware 6.6 shop does it. */
class ShopwareAppLifecycleTest {
    private static final String PLACED = "checkout.order.placed";
    private static final String ORDER = "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}]}";

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The outcome of every delivery attempt the shop logged, oldest first. */
    private static List<String> outcomes(SimulatedShop shop) {
        List<String> outcomes = new ArrayList<>();
        shop.client.control("GET", "/webhooks/deliveries", null).path("deliveries")
                .forEach(d -> outcomes.add(d.path("outcome").asText()));
        return outcomes;
    }

    @Test
    void install_runsTheSignedHandshake_andHandsOverWorkingCredentials() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            TestAppBackend.Received registration = shop.app.registrations.get(0);
            assertThat(registration.signatureValid()).as("shopware-app-signature over the raw query").isTrue();
            assertThat(registration.rawQuery()).startsWith("shop-id=testShop00000001&shop-url=" + shop.server.baseUrl() + "&timestamp=");
            assertThat(registration.headers()).containsKeys("sw-version", "sw-context-language", "sw-user-language");

            TestAppBackend.Received confirmation = shop.app.confirmations.get(0);
            assertThat(confirmation.signatureValid()).as("signed with the secret we issued").isTrue();
            assertThat(confirmation.body()).contains("\"shopUrl\":\"http:\\/\\/127.0.0.1");
            assertThat(confirmation.json().path("shopId").asText()).isEqualTo("testShop00000001");
            assertThat(confirmation.json().path("apiKey").asText()).startsWith("SWIA");
            assertThat(shop.token()).isNotBlank();
        }
    }

    @Test
    void install_fails_whenTheAppAnswersAWrongProof_andLeavesNoApp() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            shop.app.sendWrongProof = true;
            ShopClient.Answer answer = shop.client.call("POST", "/_control/apps/install",
                    SimJson.write(SimJson.object().put("manifestXml", shop.app.manifest(PLACED))));
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().path("errors").path(0).path("code").asText()).isEqualTo("FRAMEWORK__APP_REGISTRATION_FAILED");
            assertThat(answer.body()).contains("invalid proof");
            assertThat(shop.client.control("GET", "/apps", null).path("apps")).isEmpty();
        }
    }

    @Test
    void uninstall_sendsAppDeleted_signedWithTheShopSecret_andTheCredentialsStopWorking() throws Exception {
        try (SimulatedShop shop = new SimulatedShop("app.deleted")) {
            String apiKey = shop.app.confirmedApiKey;
            assertThat(shop.token()).isNotBlank();

            JsonNode answer = shop.client.control("POST", "/apps/uninstall", "{\"name\":\"" + TestAppBackend.APP_NAME + "\"}");
            assertThat(answer.path("uninstalled").asBoolean()).isTrue();
            await(() -> !shop.app.webhooks.isEmpty(), "app.deleted");
            TestAppBackend.Received hook = shop.app.webhooks.get(0);
            assertThat(hook.signatureValid()).as("signed with the shop secret the app had").isTrue();
            assertThat(hook.json().path("data").path("event").asText()).isEqualTo("app.deleted");
            assertThat(hook.json().path("data").path("payload").path("keepUserData").asBoolean(true)).isFalse();
            assertThat(hook.json().path("source").path("shopId").asText()).isEqualTo("testShop00000001");
            assertThat(shop.client.control("GET", "/apps", null).path("apps")).isEmpty();
            assertThat(shop.client.call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                    + apiKey + "\",\"client_secret\":\"" + shop.app.confirmedSecretKey + "\"}").status())
                    .as("the integration went with the app").isEqualTo(401);
            assertThat(shop.client.call("POST", "/_control/apps/uninstall", "{\"name\":\"" + TestAppBackend.APP_NAME + "\"}")
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void orderPlaced_isSentWithShopwaresEnvelope_andSignature() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            JsonNode order = shop.placeOrder("{\"customer\":\"siobhan\",\"lines\":[{\"sku\":\"KIDS-COAT-5Y\",\"quantity\":1}],"
                    + "\"promotionCode\":\"SAVE10\"}");
            assertThat(shop.app.webhooks).hasSize(1);
            TestAppBackend.Received hook = shop.app.webhooks.get(0);
            assertThat(hook.signatureValid()).isTrue();
            assertThat(hook.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(hook.body()).startsWith("{\"data\":{\"payload\":{\"order\":").contains("\\/").contains("\\u00e1");
            JsonNode body = hook.json();
            assertThat(body.path("data").path("event").asText()).isEqualTo(PLACED);
            assertThat(body.path("source").path("shopId").asText()).isEqualTo("testShop00000001");
            assertThat(body.path("source").path("appVersion").asText()).isEqualTo("2.3.4");
            assertThat(body.path("source").path("eventId").asText()).matches("[0-9a-f]{32}");
            assertThat(body.path("timestamp").isIntegralNumber()).isTrue();
            JsonNode payloadOrder = body.path("data").path("payload").path("order");
            assertThat(payloadOrder.path("id").asText()).isEqualTo(order.path("id").asText());
            assertThat(payloadOrder.has("stateId")).as("not ApiAware, dropped by the store-API encoder").isFalse();
            assertThat(payloadOrder.path("lineItems")).extracting(i -> i.path("type").asText()).containsExactly("product", "promotion");
            assertThat(payloadOrder.path("lineItems").path(1).has("productId")).isTrue();
            assertThat(payloadOrder.path("lineItems").path(1).path("payload").path("code").asText()).isEqualTo("SAVE10");
        }
    }

    @Test
    void payAndCancel_fireTheirStateEnterEvents_withTheOrderAsPayload() throws Exception {
        try (SimulatedShop shop = new SimulatedShop("state_enter.order_transaction.state.paid", "state_enter.order.state.cancelled")) {
            String id = shop.placeOrder(ORDER).path("id").asText();
            shop.client.control("POST", "/orders/" + id + "/pay", null);
            shop.client.control("POST", "/orders/" + id + "/cancel", null);
            assertThat(shop.app.webhooks).extracting(w -> w.json().path("data").path("event").asText())
                    .containsExactly("state_enter.order_transaction.state.paid", "state_enter.order.state.cancelled");
            assertThat(shop.app.webhooks).allSatisfy(w ->
                    assertThat(w.json().path("data").path("payload").path("order").path("id").asText()).isEqualTo(id));
        }
    }

    @Test
    void syncMode_sendsOnce_andNeverRetries() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            shop.app.webhookStatus = () -> 500;
            shop.placeOrder(ORDER);
            // the shop's own log says the one attempt failed for good ("failed", not "retrying"): nothing follows it
            await(() -> outcomes(shop).contains("failed"), "the attempt logged");
            assertThat(outcomes(shop)).containsExactly("failed");
            assertThat(shop.app.webhookCalls.get()).isEqualTo(1);
            assertThat(shop.client.control("GET", "/apps", null).path("apps").path(0).path("webhooks").path(0)
                    .path("errorCount").asInt()).as("sync failures are not counted").isZero();
        }
    }

    @Test
    void queuedMode_retriesThreeTimes_withTheSameEventId_andAFreshTimestampSignature() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            shop.client.control("PUT", "/webhooks/mode", "{\"mode\":\"queued\"}");
            shop.client.control("PUT", "/settings", "{\"retryDelayScale\":0.01}");
            AtomicInteger calls = new AtomicInteger();
            shop.app.webhookStatus = () -> calls.incrementAndGet() <= 2 ? 503 : 200;
            shop.placeOrder(ORDER);
            // the third attempt succeeds; once the shop has logged it, no retry is left to come
            await(() -> outcomes(shop).contains("success"), "the delivery done");
            assertThat(outcomes(shop)).containsExactly("retrying", "retrying", "success");
            assertThat(shop.app.webhooks).hasSize(3);
            assertThat(shop.app.webhooks).extracting(w -> w.json().path("source").path("eventId").asText()).containsOnly(
                    shop.app.webhooks.get(0).json().path("source").path("eventId").asText());
            assertThat(shop.app.webhooks).allMatch(TestAppBackend.Received::signatureValid);
            JsonNode log = shop.client.control("GET", "/webhooks/deliveries", null).path("deliveries");
            assertThat(log).extracting(d -> d.path("status").asInt()).containsExactly(503, 503, 200);
        }
    }

    @Test
    void queuedMode_deactivatesAWebhook_afterTenMessagesInARowExhaustTheirRetries() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            shop.client.control("PUT", "/webhooks/mode", "{\"mode\":\"queued\"}");
            shop.client.control("PUT", "/settings", "{\"retryDelayScale\":0}");
            shop.app.webhookStatus = () -> 500;
            for (int i = 0; i < 10; i++) {
                shop.placeOrder(ORDER);
            }
            await(() -> !shop.client.control("GET", "/apps", null).path("apps").path(0).path("webhooks").path(0)
                    .path("active").asBoolean(), "deactivation");
            assertThat(shop.app.webhookCalls.get()).isEqualTo(40);
            int before = shop.app.webhookCalls.get();
            int logged = outcomes(shop).size();
            shop.app.webhookStatus = () -> 200;
            // in sync mode an active webhook is sent before the order is answered, so silence now is silence for good
            shop.client.control("PUT", "/webhooks/mode", "{\"mode\":\"sync\"}");
            shop.placeOrder(ORDER);
            assertThat(shop.app.webhookCalls.get()).as("an inactive webhook is silent").isEqualTo(before);
            assertThat(outcomes(shop)).as("nothing sent, nothing logged").hasSize(logged);
        }
    }

    @Test
    void faults_copiesDuplicatesDropsAndReordering_comeFromTheSeed() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            shop.client.control("PUT", "/faults", "{\"webhookCopies\":3}");
            shop.placeOrder(ORDER);
            assertThat(shop.app.webhooks).hasSize(3);
            assertThat(shop.app.webhooks).extracting(w -> w.json().path("source").path("eventId").asText()).containsOnly(
                    shop.app.webhooks.get(0).json().path("source").path("eventId").asText());

            shop.app.webhooks.clear();
            shop.client.control("PUT", "/faults", "{\"webhookCopies\":1,\"webhookDropRate\":1}");
            shop.placeOrder(ORDER);
            assertThat(shop.app.webhooks).isEmpty();
            assertThat(shop.client.control("GET", "/webhooks/deliveries", null).path("deliveries"))
                    .anyMatch(d -> d.path("outcome").asText().equals("dropped"));

            shop.client.control("PUT", "/faults", "{\"webhookDropRate\":0,\"webhookOutOfOrderRate\":1,\"webhookOutOfOrderDelayMs\":400}");
            String first = shop.placeOrder(ORDER).path("id").asText();
            shop.client.control("PUT", "/faults", "{\"webhookOutOfOrderRate\":0}");
            String second = shop.placeOrder(ORDER).path("id").asText();
            await(() -> shop.app.webhooks.size() >= 2, "both orders");
            List<String> arrival = shop.app.webhooks.stream()
                    .map(w -> w.json().path("data").path("payload").path("order").path("id").asText()).toList();
            assertThat(arrival).containsExactly(second, first);
        }
    }

    @Test
    void theSameSeed_givesTheSameShop() throws Exception {
        try (ShopwareSimulator a = new ShopwareSimulator(new ShopwareSimulator.Settings(7L, null, Duration.ofMinutes(10)));
             ShopwareSimulator b = new ShopwareSimulator(new ShopwareSimulator.Settings(7L, null, Duration.ofMinutes(10)))) {
            assertThat(a.shopId()).isEqualTo(b.shopId());
            OrderRequest request = new OrderRequest("trade", List.of(new OrderRequest.Line("CAR-SEAT-INF", 1)), "nextday",
                    "FIVEOFF", null, false);
            assertThat(a.placeOrder(request).path("id").asText()).isEqualTo(b.placeOrder(request).path("id").asText());
        }
    }
}
