package com.shopkhaos.sandbox.shopware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.shopware.ShopwareAdminClient;
import com.shopkhaos.infra.shopware.ShopwareCredentialsRejectedException;
import com.shopkhaos.infra.shopware.ShopwareUnavailableException;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.simulators.shopware.SimulatedShop;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our Admin API client (infra) against the simulated shop: tokens cached, renewed on 401, never looped on bad credentials. */
class ShopwareAdminClientTest {
    private SimulatedShop shop;
    private ShopwareAdminClient client;

    @BeforeEach
    void start() throws Exception {
        shop = new SimulatedShop();
        client = clientWith(shop.app.confirmedApiKey, shop.app.confirmedSecretKey);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private ShopwareAdminClient clientWith(String apiKey, String secretKey) {
        ShopRegistration registration = ShopRegistration.pending("testShop00000001", shop.server.baseUrl(), "s", Instant.now())
                .confirmed(shop.server.baseUrl(), apiKey, secretKey, Instant.now());
        return new ShopwareAdminClient(ShopwareAdminClient.defaultHttpClient(), registration, Clock.systemUTC());
    }

    private int tokenRequests() {
        return shop.server.simulator().requests("/api/oauth/token").size();
    }

    @Test
    void order_fetchesTheWholeOrder_withTheAssociationsTranslationNeeds() {
        String id = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}],\"paid\":true}")
                .path("id").asText();
        JsonNode order = client.order(id).orElseThrow();
        assertThat(order.path("lineItems").path(0).path("payload").path("productNumber").asText()).isEqualTo("SCARF-MER-GRY");
        assertThat(order.path("deliveries").path(0).path("shippingOrderAddress").path("country").path("iso").asText()).isEqualTo("GB");
        assertThat(order.path("transactions").path(0).path("stateMachineState").path("technicalName").asText()).isEqualTo("paid");
        assertThat(client.order("f".repeat(32))).isEmpty();
    }

    @Test
    void theTokenIsCached_andRenewedOnceWhenTheShopSaysItExpired() {
        client.productsBySku(List.of("SCARF-MER-GRY"));
        client.productsBySku(List.of("HAT-BEANIE-NVY"));
        assertThat(tokenRequests()).isEqualTo(1);
        shop.client.control("POST", "/clock/advance", "{\"seconds\":601}");
        assertThat(client.productsBySku(List.of("SCARF-MER-GRY"))).hasSize(1);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void badCredentials_failOnce_withoutHammeringTheRateLimitedTokenEndpoint() {
        ShopwareAdminClient wrong = clientWith(shop.app.confirmedApiKey, "not-the-secret");
        assertThatThrownBy(() -> wrong.productsBySku(List.of("SCARF-MER-GRY")))
                .isInstanceOf(ShopwareCredentialsRejectedException.class);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void serverErrors_areTransient_andAReadIsAskedOnceMore_butAWriteIsNot() {
        client.productsBySku(List.of("SCARF-MER-GRY"));
        int searches = shop.server.simulator().requests("/api/search/product").size();
        shop.client.control("PUT", "/faults", "{\"apiErrorRate\":1}");
        assertThatThrownBy(() -> client.productsBySku(List.of("SCARF-MER-GRY"))).isInstanceOf(ShopwareUnavailableException.class);
        assertThat(shop.server.simulator().requests("/api/search/product")).hasSize(searches + 2);

        int patches = shop.server.simulator().requests("/api/product/x").size();
        assertThatThrownBy(() -> client.patch("/api/product/x", InfraJson.mapper().createObjectNode()))
                .isInstanceOf(ShopwareUnavailableException.class);
        assertThat(shop.server.simulator().requests("/api/product/x")).hasSize(patches + 1);
    }

    @Test
    void aWriteThatIsSafeToRepeat_isAskedOnceMore_andNeverAThirdTime() {
        client.productsBySku(List.of("SCARF-MER-GRY"));
        shop.client.control("PUT", "/faults", "{\"apiErrorRate\":1}");
        String path = "/api/_action/order_delivery/" + "d".repeat(32) + "/state/ship";
        int before = shop.server.simulator().requests(path).size();

        assertThatThrownBy(() -> client.postRepeatable(path, InfraJson.mapper().createObjectNode()))
                .isInstanceOf(ShopwareUnavailableException.class);

        assertThat(shop.server.simulator().requests(path)).hasSize(before + 2);
    }
}
