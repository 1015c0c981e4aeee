package com.shopkhaos.simulators.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Where the simulator says no as Shopware does, and its settings for what shops differ in (variant inheritance, the
 * version, APP_URL changes), over real HTTP.
 */
class ShopwareHostileTest {
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

    private static JsonNode product(SimulatedShop shop, String token, String sku, String... headers) {
        ShopClient.Answer answer = shop.client.api(token, "POST", "/search/product", "{\"filter\":[{\"type\":\"equals\","
                + "\"field\":\"productNumber\",\"value\":\"" + sku + "\"}]}", headers);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().path("data").path(0);
    }

    private static void install(SimulatedShop shop, String manifest) {
        shop.client.control("POST", "/apps/install", SimJson.write(SimJson.object().put("manifestXml", manifest)));
    }

    // ---------------------------------------------------------------- variant inheritance

    @Test
    void byDefault_variantsReadResolved_asTheSimulatorAlwaysAnswered() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            JsonNode variant = product(shop, shop.token(), "TSHIRT-ORG-BLK-S");
            assertThat(variant.path("isCloseout").isBoolean()).isTrue();
            assertThat(variant.path("taxId").isTextual()).isTrue();
            assertThat(variant.path("price").path(0).path("gross").decimalValue()).isEqualByComparingTo("19.50");
        }
    }

    @Test
    void raw_variantsKeepNullWhereTheyInherit_unlessTheRequestSendsSwInheritance() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            shop.client.control("PUT", "/settings", "{\"variantInheritance\":\"raw\"}");
            String token = shop.token();
            JsonNode raw = product(shop, token, "TSHIRT-ORG-BLK-S");
            assertThat(raw.path("parentId").isTextual()).isTrue();
            assertThat(raw.path("isCloseout").isNull()).isTrue();
            assertThat(raw.path("taxId").isNull()).isTrue();
            assertThat(raw.path("price").isNull()).isTrue();
            assertThat(raw.path("active").isNull()).isTrue();
            assertThat(raw.path("stock").asInt()).as("stock is never inherited").isEqualTo(25);

            JsonNode white = product(shop, token, "TSHIRT-ORG-WHT-M");
            assertThat(white.path("isCloseout").isNull()).isTrue();
            assertThat(white.path("price").path(0).path("gross").decimalValue()).as("its own price").isEqualByComparingTo("19.50");

            JsonNode resolved = product(shop, token, "TSHIRT-ORG-BLK-S", "sw-inheritance", "1");
            assertThat(resolved.path("isCloseout").asBoolean(true)).isFalse();
            assertThat(resolved.path("taxId").asText()).isEqualTo(product(shop, token, "TSHIRT-ORG").path("taxId").asText());
            assertThat(resolved.path("price").path(0).path("gross").decimalValue()).isEqualByComparingTo("19.50");

            // filters see the same values: without the header a variant's inherited false is null, not false
            String notCloseout = "{\"filter\":[{\"type\":\"equals\",\"field\":\"isCloseout\",\"value\":false},"
                    + "{\"type\":\"prefix\",\"field\":\"productNumber\",\"value\":\"TSHIRT-ORG-BLK\"}]}";
            assertThat(shop.client.api(token, "POST", "/search/product", notCloseout).json().path("data")).isEmpty();
            assertThat(shop.client.api(token, "POST", "/search/product", notCloseout, "sw-inheritance", "1").json().path("data"))
                    .hasSize(3);
        }
    }

    @Test
    void raw_aParentTurnedCloseout_isCloseoutForItsVariants_thoughTheirRowsStillSayNull() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            shop.client.control("PUT", "/settings", "{\"variantInheritance\":\"raw\"}");
            String token = shop.token();
            String parent = product(shop, token, "TSHIRT-ORG").path("id").asText();
            assertThat(shop.client.api(token, "PATCH", "/product/" + parent, "{\"isCloseout\":true}").status()).isEqualTo(204);

            assertThat(product(shop, token, "TSHIRT-ORG-BLK-L").path("isCloseout").isNull()).isTrue();
            assertThat(product(shop, token, "TSHIRT-ORG-BLK-L", "sw-inheritance", "1").path("isCloseout").asBoolean()).isTrue();
            ShopClient.Answer tooMany = shop.client.call("POST", "/_control/orders",
                    "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"TSHIRT-ORG-BLK-L\",\"quantity\":13}]}");
            assertThat(tooMany.status()).as("the storefront reads the inherited closeout").isEqualTo(400);
            assertThat(tooMany.json().path("errors").path(0).path("code").asText()).isEqualTo("CHECKOUT__PRODUCT_STOCK_REACHED");
        }
    }

    // ---------------------------------------------------------------- sync and privileges

    @Test
    void anUpsertThatWouldCreate_withoutProductCreate_is403ForTheWholeRequest_andWritesNothing() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            String token = shop.token(); // the test app has product:read and product:update, not product:create
            JsonNode scarf = product(shop, token, "SCARF-MER-GRY");
            String newId = "a".repeat(32);
            ShopClient.Answer denied = shop.client.api(token, "POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\","
                    + "\"payload\":[{\"id\":\"" + scarf.path("id").asText() + "\",\"stock\":7},{\"id\":\"" + newId + "\",\"stock\":3,"
                    + "\"productNumber\":\"NEW-1\",\"name\":\"New\",\"taxId\":\"" + scarf.path("taxId").asText() + "\",\"price\":"
                    + scarf.path("price") + "}]}]");
            assertThat(denied.status()).as("AclWriteValidator throws MissingPrivilegeException: 403, not a row error").isEqualTo(403);
            JsonNode error = denied.json().path("errors").path(0);
            assertThat(error.path("code").asText()).isEqualTo("FRAMEWORK__MISSING_PRIVILEGE_ERROR");
            JsonNode detail = SimJson.MAPPER.readTree(error.path("detail").asText());
            assertThat(detail.path("missingPrivileges")).extracting(JsonNode::asText).containsOnly("product:create");
            assertThat(product(shop, token, "NEW-1").isMissingNode()).as("not created").isTrue();
            assertThat(shop.client.control("GET", "/products/SCARF-MER-GRY", null).path("stock").asInt())
                    .as("nor the other row written").isEqualTo(scarf.path("stock").asInt());
        }
    }

    @Test
    void anUpsertOfNewRowsOnly_needsProductCreate_notUpdate() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            install(shop, shop.app.manifest().replace("<update>product</update>", "<create>product</create>"));
            String token = shop.token();
            JsonNode scarf = product(shop, token, "SCARF-MER-GRY");
            ShopClient.Answer created = shop.client.api(token, "POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\","
                    + "\"payload\":[{\"id\":\"" + "b".repeat(32) + "\",\"stock\":3,\"productNumber\":\"NEW-2\",\"name\":\"New\","
                    + "\"taxId\":\"" + scarf.path("taxId").asText() + "\",\"price\":" + scarf.path("price") + "}]}]");
            assertThat(created.status()).isEqualTo(200);
            ShopClient.Answer update = shop.client.api(token, "POST", "/_action/sync", "[{\"action\":\"upsert\",\"entity\":\"product\","
                    + "\"payload\":[{\"id\":\"" + scarf.path("id").asText() + "\",\"stock\":3}]}]");
            assertThat(update.status()).isEqualTo(403);
            assertThat(update.body()).contains("product:update");
        }
    }

    @Test
    void anEmptySyncPayload_is400_invalidSyncOperation() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            ShopClient.Answer empty = shop.client.api(shop.token(), "POST", "/_action/sync",
                    "[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[]}]");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.json().path("errors").path(0).path("code").asText()).isEqualTo("FRAMEWORK__INVALID_SYNC_OPERATION");
        }
    }

    // ---------------------------------------------------------------- webhooks the app may read

    @Test
    void aWebhookWhoseEventTheAppMayNotRead_isNotSent() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED, "product.written")) {
            install(shop, shop.app.manifest(PLACED, "state_enter.order_transaction.state.paid").replace("<read>order</read>", ""));
            shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}],\"paid\":true}");
            JsonNode deliveries = shop.client.control("GET", "/webhooks/deliveries", null).path("deliveries");
            assertThat(deliveries).extracting(d -> d.path("event").asText() + ":" + d.path("outcome").asText())
                    .containsExactly(PLACED + ":withheld", "state_enter.order_transaction.state.paid:withheld");
            assertThat(deliveries.path(0).path("error").asText()).contains("order:read");
            Thread.sleep(200);
            assertThat(shop.app.webhooks).isEmpty();
        }
    }

    @Test
    void readPrivilegeMissing_followsShopwaresEventToPrivilegeMapping() {
        AppManifest manifest = new AppManifest("A", "A", "1.0.0", "s", "http://x/register",
                java.util.Set.of("product:read"), java.util.List.of());
        OAuthServer.Integration integration = new OAuthServer(java.time.Clock.systemUTC(), new SimIds(1), java.time.Duration.ofMinutes(1))
                .createIntegration("A", manifest.privileges());
        AppHost.InstalledApp app = new AppHost.InstalledApp(manifest, "secret", integration, java.util.List.of());
        assertThat(AppHost.readPrivilegeMissing(app, "product.written")).isEmpty();
        assertThat(AppHost.readPrivilegeMissing(app, "order.written")).contains("order:read");
        assertThat(AppHost.readPrivilegeMissing(app, "state_enter.order_delivery.state.shipped")).contains("order:read");
        assertThat(AppHost.readPrivilegeMissing(app, "app.deleted")).isEmpty();
    }

    // ---------------------------------------------------------------- APP_URL change

    @Test
    void afterAnAppUrlChange_noWebhookIsSent_untilMoveShopPermanentlyReRegistersTheApp() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            String oldKey = shop.app.confirmedApiKey;
            String oldSecret = shop.app.confirmedSecretKey;
            JsonNode change = shop.client.control("POST", "/app-url-change", "{}");
            assertThat(change.path("changeDetected").asBoolean()).isTrue();
            String newUrl = change.path("appUrl").asText();
            assertThat(newUrl).isNotEqualTo(shop.server.baseUrl());

            shop.placeOrder(ORDER);
            assertThat(shop.client.control("GET", "/webhooks/deliveries", null).path("deliveries"))
                    .extracting(d -> d.path("outcome").asText()).containsExactly("withheld");
            ShopClient.Answer install = shop.client.call("POST", "/_control/apps/install",
                    SimJson.write(SimJson.object().put("manifestXml", shop.app.manifest(PLACED))));
            assertThat(install.status()).as("no app can register while the change is pending").isEqualTo(500);
            assertThat(install.body()).contains("Detected APP_URL change");

            JsonNode resolved = shop.client.control("POST", "/app-url-change/resolve", "{\"strategy\":\"move-shop-permanently\"}");
            assertThat(resolved.path("shopId").asText()).as("the shop id stays").isEqualTo("testShop00000001");
            TestAppBackend.Received again = shop.app.registrations.get(shop.app.registrations.size() - 1);
            assertThat(again.rawQuery()).contains("shop-id=testShop00000001&shop-url=" + newUrl + "&");
            assertThat(shop.app.confirmedApiKey).as("a new integration").isNotEqualTo(oldKey);
            assertThat(shop.client.call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                    + oldKey + "\",\"client_secret\":\"" + oldSecret + "\"}").status()).isEqualTo(401);
            assertThat(shop.token()).isNotBlank();

            shop.placeOrder(ORDER);
            await(() -> !shop.app.webhooks.isEmpty(), "the webhook after the move");
            assertThat(shop.app.webhooks.get(0).json().path("source").path("url").asText()).isEqualTo(newUrl);
            assertThat(shop.app.webhooks.get(0).signatureValid()).isTrue();
        }
    }

    @Test
    void reinstallApps_makesANewShopId_andSendsAppInstalled_uninstallApps_removesThemSilently() throws Exception {
        try (SimulatedShop shop = new SimulatedShop("app.installed", "app.deleted")) {
            shop.client.control("POST", "/app-url-change", "{}");
            JsonNode resolved = shop.client.control("POST", "/app-url-change/resolve", "{\"strategy\":\"reinstall-apps\"}");
            String newShopId = resolved.path("shopId").asText();
            assertThat(newShopId).isNotEqualTo("testShop00000001").hasSize(16);
            assertThat(shop.app.registrations.get(shop.app.registrations.size() - 1).rawQuery()).startsWith("shop-id=" + newShopId);
            await(() -> !shop.app.webhooks.isEmpty(), "app.installed");
            assertThat(shop.app.webhooks.get(0).json().path("data").path("event").asText()).isEqualTo("app.installed");
            assertThat(shop.app.webhooks.get(0).json().path("source").path("shopId").asText()).isEqualTo(newShopId);

            shop.client.control("POST", "/app-url-change", "{\"appUrl\":\"" + shop.server.baseUrl() + "\"}");
            assertThat(shop.client.control("GET", "/app-url-change", null).path("changeDetected").asBoolean())
                    .as("back to the registered URL: nothing to resolve").isFalse();
            shop.client.control("POST", "/app-url-change", "{}");
            shop.client.control("POST", "/app-url-change/resolve", "{\"strategy\":\"uninstall-apps\"}");
            assertThat(shop.client.control("GET", "/apps", null).path("apps")).isEmpty();
            Thread.sleep(200);
            assertThat(shop.app.webhooks).extracting(w -> w.json().path("data").path("event").asText())
                    .as("no app.deleted: the app still serves the old shop").containsExactly("app.installed");

            ShopClient.Answer unknown = shop.client.call("POST", "/_control/app-url-change/resolve", "{\"strategy\":\"ignore\"}");
            assertThat(unknown.status()).isEqualTo(400);
        }
    }

    // ---------------------------------------------------------------- 6.6 and 6.7

    @Test
    void shopware67_cancelsOnlyWhereTheMachineHasACancelTransition_and66FromAnywhere() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            String token = shop.token();
            String order = shop.placeOrder(ORDER).path("id").asText();
            shop.client.api(token, "POST", "/_action/order/" + order + "/state/process", null);
            shop.client.api(token, "POST", "/_action/order/" + order + "/state/complete", null);
            shop.client.control("PUT", "/settings", "{\"shopwareVersion\":\"6.7\"}");
            ShopClient.Answer refused = shop.client.api(token, "POST", "/_action/order/" + order + "/state/cancel", null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("errors").path(0).path("code").asText()).isEqualTo("SYSTEM__ILLEGAL_STATE_TRANSITION");
            assertThat(shop.client.api(token, "GET", "/_info/version", null).json().path("version").asText()).isEqualTo("6.7.1.0");

            shop.client.control("PUT", "/settings", "{\"shopwareVersion\":\"6.6\"}");
            ShopClient.Answer cancelled = shop.client.api(token, "POST", "/_action/order/" + order + "/state/cancel", null);
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.json().path("technicalName").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void shopware67_givesAShippingMethodWithoutTechnicalNameATemporaryOne_inOrdersAlreadyPlacedToo() throws Exception {
        try (SimulatedShop shop = new SimulatedShop(PLACED)) {
            String token = shop.token();
            String order = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}],"
                    + "\"shippingMethod\":\"legacy\"}").path("id").asText();
            String path = "/order/" + order + "?associations[deliveries][associations][shippingMethod][]=";
            JsonNode method = shop.client.api(token, "GET", path, null).json().path("data").path("deliveries").path(0)
                    .path("shippingMethod");
            assertThat(method.path("technicalName").isNull()).isTrue();

            shop.client.control("PUT", "/settings", "{\"shopwareVersion\":\"6.7\"}");
            method = shop.client.api(token, "GET", path, null).json().path("data").path("deliveries").path(0).path("shippingMethod");
            assertThat(method.path("technicalName").asText()).isEqualTo("temporary_" + method.path("id").asText());
            shop.placeOrder(ORDER);
            await(() -> shop.app.webhooks.size() >= 2, "the second order's webhook");
            assertThat(shop.app.webhooks.get(1).headers().get("sw-version")).isEqualTo("6.7.1.0");
        }
    }

    // ---------------------------------------------------------------- profile

    @Test
    void profile_setsEverySettingAtOneSide_explicitKeysWin_andABadValueChangesNothing() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            JsonNode hostile = shop.client.control("PUT", "/settings", "{\"profile\":\"hostile\"}");
            assertThat(hostile.path("variantInheritance").asText()).isEqualTo("raw");
            assertThat(hostile.path("shopwareVersion").asText()).isEqualTo("6.7");

            JsonNode mixed = shop.client.control("PUT", "/settings", "{\"profile\":\"hostile\",\"shopwareVersion\":\"6.6\"}");
            assertThat(mixed.path("variantInheritance").asText()).isEqualTo("raw");
            assertThat(mixed.path("shopwareVersion").asText()).isEqualTo("6.6");

            for (String bad : new String[] {"{\"profile\":\"nasty\"}", "{\"variantInheritance\":\"sometimes\",\"tokenTtlSeconds\":5}",
                    "{\"shopwareVersion\":\"6.5\"}", "{\"profile\":\"default\",\"retryDelayScale\":11}"}) {
                ShopClient.Answer refused = shop.client.call("PUT", "/_control/settings", bad);
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.json().path("errors").path(0).path("code").asText()).isEqualTo("SIMULATOR__BAD_SETTING");
            }
            JsonNode unchanged = shop.client.control("GET", "/settings", null);
            assertThat(unchanged.path("variantInheritance").asText()).isEqualTo("raw");
            assertThat(unchanged.path("shopwareVersion").asText()).isEqualTo("6.6");
            assertThat(unchanged.path("tokenTtlSeconds").asLong()).isEqualTo(600);
            assertThat(unchanged.path("retryDelayScale").asDouble()).isEqualTo(1.0);

            JsonNode back = shop.client.control("PUT", "/settings", "{\"profile\":\"default\"}");
            assertThat(back.path("variantInheritance").asText()).isEqualTo("resolved");
            assertThat(back.path("shopwareVersion").asText()).isEqualTo("6.6");
        }
    }
}
