package com.shopkhaos.sandbox.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.shopware.ShopwareAdminClient;
import com.shopkhaos.infra.shopware.ShopwareClients;
import com.shopkhaos.infra.shopware.ShopwareShopDeliveries;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.despatch.ShopDeliveries.ShopOrderView;
import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.simulators.shopware.AdminApiContract;
import com.shopkhaos.simulators.shopware.SimulatedShop;
import com.shopkhaos.simulators.sim.SimJson;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests our Admin API client and our despatch adapter (infra) send the simulated shop, validated against
 * Shopware's published Admin API schema (the simulators' {@code AdminApiContractTest} holds the simulator's answers).
 */
class OurAdminApiRequestsContractTest {
    private static AdminApiContract contract;
    private static SimulatedShop shop;
    private static JsonNode order;

    @BeforeAll
    static void start() throws Exception {
        contract = AdminApiContract.load();
        shop = new SimulatedShop();
        order = shop.placeOrder("{\"customer\":\"siobhan\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2},"
                + "{\"sku\":\"KIDS-COAT-5Y\",\"quantity\":1},{\"sku\":\"SOCKS-WOOL-3PK\",\"quantity\":3}],"
                + "\"promotionCode\":\"SOCKS3FOR2\",\"paid\":true}");
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static ShopRegistration registration(String shopId) {
        return ShopRegistration.pending(shopId, shop.server.baseUrl(), "s", Instant.now())
                .confirmed(shop.server.baseUrl(), shop.app.confirmedApiKey, shop.app.confirmedSecretKey, Instant.now());
    }

    @Test
    void requestsOurClientSends_conformToTheSchema() {
        ShopwareAdminClient client = new ShopwareAdminClient(ShopwareAdminClient.defaultHttpClient(),
                registration("testShop00000001"), Clock.systemUTC());
        assertThat(client.order(order.path("id").asText())).isPresent();
        client.productsBySku(List.of("SCARF-MER-GRY", "MUG-STONE-BLU"));
        List<ObjectNode> sent = shop.server.simulator().requests(null);
        for (String path : List.of("/api/search/order", "/api/search/product")) {
            List<ObjectNode> requests = sent.stream().filter(r -> r.path("path").asText().equals(path)).toList();
            assertThat(requests).isNotEmpty();
            String operation = path.substring("/api".length());
            for (JsonNode request : requests) {
                assertThat(contract.problems(AdminApiContract.requestBody(operation, "post"), readTree(request.path("body").asText())))
                        .as(path).isEmpty();
            }
        }
        JsonNode tokenRequest = readTree(sent.stream().filter(r -> r.path("path").asText().equals("/api/oauth/token"))
                .reduce((a, b) -> b).orElseThrow().path("body").asText());
        assertThat(contract.problems("/components/schemas/OAuthClientCredentialsGrant", tokenRequest)).isEmpty();
    }

    @Test
    void despatchRequestsOurAdapterSends_conformToTheSchema() {
        ShopRegistration registration = registration("testShop00000002");
        ShopRegistry registry = new ShopRegistry() {
            @Override
            public Optional<ShopRegistration> find(String shopId) {
                return Optional.of(registration);
            }

            @Override
            public void save(ShopRegistration r) {
            }

            @Override
            public boolean remove(String shopId) {
                return false;
            }

            @Override
            public List<String> shopIds() {
                return List.of(registration.shopId());
            }
        };
        ShopwareShopDeliveries deliveries = new ShopwareShopDeliveries(new ShopwareClients(registry, Clock.systemUTC()));
        JsonNode placed = shop.placeOrder("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2}],\"paid\":true}");

        ShopOrderView view = deliveries.order(registration.shopId(), placed.path("id").asText()).orElseThrow();
        String deliveryId = view.deliveries().get(0).id();
        deliveries.updateDelivery(registration.shopId(), deliveryId, List.of("JD000000000042GB"), "dpd_next_day");
        deliveries.transitionDelivery(registration.shopId(), deliveryId, DeliveryChange.SHIP_PARTIALLY);
        deliveries.transitionOrder(registration.shopId(), view.orderId(), OrderChange.PROCESS);

        List<ObjectNode> sent = shop.server.simulator().requests(null);
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("/api/search/order", AdminApiContract.requestBody("/search/order", "post"));
        operations.put("/api/search/shipping-method", AdminApiContract.requestBody("/search/shipping-method", "post"));
        operations.put("/api/_action/order_delivery/" + deliveryId + "/state/ship_partially",
                AdminApiContract.requestBody("/_action/order_delivery/{orderDeliveryId}/state/{transition}", "post"));
        operations.put("/api/_action/order/" + view.orderId() + "/state/process",
                AdminApiContract.requestBody("/_action/order/{orderId}/state/{transition}", "post"));
        operations.forEach((path, schema) -> {
            List<ObjectNode> requests = sent.stream().filter(r -> r.path("path").asText().equals(path)).toList();
            assertThat(requests).as(path).isNotEmpty();
            requests.forEach(r -> assertThat(contract.problems(schema, readTree(r.path("body").asText("{}").isEmpty() ? "{}"
                    : r.path("body").asText()))).as(path).isEmpty());
        });
        JsonNode patch = readTree(sent.stream().filter(r -> r.path("path").asText().equals("/api/order-delivery/" + deliveryId))
                .reduce((a, b) -> b).orElseThrow().path("body").asText());
        assertThat(patch.path("trackingCodes")).hasSize(1);
        assertThat(contract.problemsOfPartial("/components/schemas/OrderDelivery", patch)).isEmpty();
        JsonNode after = shop.client.control("GET", "/orders/" + placed.path("id").asText(), null).path("deliveries").path(0);
        assertThat(after.path("stateMachineState").path("technicalName").asText()).isEqualTo("shipped_partially");
        assertThat(after.path("shippingMethod").path("technicalName").asText()).isEqualTo("dpd_next_day");
    }

    private static JsonNode readTree(String json) {
        try {
            return SimJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
