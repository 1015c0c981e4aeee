package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the simulator answers, and the requests it is sent in these tests, validated against Shopware's published Admin
 * API schema (the sandbox's {@code OurAdminApiRequestsContractTest} holds our own client's requests to it).
 */
class AdminApiContractTest {
    private static AdminApiContract contract;
    private static SimulatedShop shop;
    private static String token;
    private static JsonNode order;

    private static final String ALL_ORDER_ASSOCIATIONS = "{\"lineItems\":{},\"deliveries\":{\"associations\":{\"shippingMethod\":{},"
            + "\"shippingOrderAddress\":{\"associations\":{\"country\":{}}},\"stateMachineState\":{},\"positions\":{}}},"
            + "\"transactions\":{\"associations\":{\"paymentMethod\":{},\"stateMachineState\":{}}},"
            + "\"addresses\":{\"associations\":{\"country\":{}}},\"billingAddress\":{\"associations\":{\"country\":{}}},"
            + "\"orderCustomer\":{},\"currency\":{},\"stateMachineState\":{}}";

    @BeforeAll
    static void start() throws Exception {
        contract = AdminApiContract.load();
        shop = new SimulatedShop();
        token = shop.token();
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

    private static JsonNode ok(ShopClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return answer.json();
    }

    @Test
    void orderSearch_withEveryAssociation_conformsToTheSchema() {
        String criteria = "{\"filter\":[{\"type\":\"equals\",\"field\":\"id\",\"value\":\"" + order.path("id").asText()
                + "\"}],\"associations\":" + ALL_ORDER_ASSOCIATIONS + "}";
        assertThat(contract.problems(AdminApiContract.requestBody("/search/order", "post"), SimJson.MAPPER.valueToTree(
                readTree(criteria)))).isEmpty();
        JsonNode answer = ok(shop.client.api(token, "POST", "/search/order", criteria));
        assertThat(answer.path("data")).hasSize(1);
        assertThat(contract.problems(AdminApiContract.response("/search/order", "post"), answer)).isEmpty();
    }

    @Test
    void orderDetail_conformsToTheSchema() {
        JsonNode answer = ok(shop.client.api(token, "GET", "/order/" + order.path("id").asText()
                + "?associations[lineItems][]=&associations[deliveries][]=&associations[transactions][]=", null));
        assertThat(contract.problems(AdminApiContract.response("/order/{id}", "get"), answer)).isEmpty();
    }

    @Test
    void productSearch_andDetail_conformToTheSchema() {
        String criteria = "{\"filter\":[{\"type\":\"equalsAny\",\"field\":\"productNumber\",\"value\":[\"SCARF-MER-GRY\",\"TSHIRT-ORG-BLK-M\"]}],"
                + "\"limit\":500}";
        assertThat(contract.problems(AdminApiContract.requestBody("/search/product", "post"), readTree(criteria))).isEmpty();
        JsonNode answer = ok(shop.client.api(token, "POST", "/search/product", criteria));
        assertThat(contract.problems(AdminApiContract.response("/search/product", "post"), answer)).isEmpty();
        String id = answer.path("data").path(0).path("id").asText();
        assertThat(contract.problems(AdminApiContract.response("/product/{id}", "get"),
                ok(shop.client.api(token, "GET", "/product/" + id, null)))).isEmpty();
    }

    @Test
    void deliveryAndShippingMethodSearches_conformToTheSchema() {
        JsonNode deliveries = ok(shop.client.api(token, "POST", "/search/order-delivery",
                "{\"associations\":{\"shippingMethod\":{},\"positions\":{}}}"));
        assertThat(contract.problems(AdminApiContract.response("/search/order-delivery", "post"), deliveries)).isEmpty();
        JsonNode methods = ok(shop.client.api(token, "POST", "/search/shipping-method", "{}"));
        assertThat(contract.problems(AdminApiContract.response("/search/shipping-method", "post"), methods)).isEmpty();
    }

    @Test
    void tokenAnswer_conformsToTheSchema() {
        JsonNode answer = ok(shop.client.call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + shop.app.confirmedApiKey + "\",\"client_secret\":\"" + shop.app.confirmedSecretKey + "\"}"));
        assertThat(contract.problems("/paths/~1oauth~1token/post/responses/200/content/application~1json/schema", answer)).isEmpty();
        assertThat(contract.problems("/components/schemas/OAuthClientCredentialsGrant", readTree(
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"a\",\"client_secret\":\"b\"}"))).isEmpty();
    }

    @Test
    void syncAndPatchBodies_weSend_conformToTheSchema() {
        String id = shop.client.control("GET", "/products/SCARF-MER-GRY", null).path("id").asText();
        JsonNode sync = readTree("[{\"action\":\"upsert\",\"entity\":\"product\",\"payload\":[{\"id\":\"" + id + "\",\"stock\":12}]}]");
        assertThat(contract.problems(AdminApiContract.requestBody("/_action/sync", "post"), sync)).isEmpty();
        ok(shop.client.api(token, "POST", "/_action/sync", sync.toString(), "indexing-behavior", "use-queue-indexing"));

        JsonNode patch = readTree("{\"trackingCodes\":[\"JD000000000001GB\"]}");
        assertThat(contract.problemsOfPartial("/components/schemas/OrderDelivery", patch)).isEmpty();
        ok(shop.client.api(token, "PATCH", "/order-delivery/" + order.path("deliveryIds").path(0).asText(), patch.toString()));
    }

    @Test
    void theSchema_isShopware67s_fromThePinnedPackage() {
        assertThat(contract.shopwareVersion()).startsWith("6.7.");
    }

    @Test
    void theValidator_catchesAnAnswerThatBreaksTheSchema() {
        JsonNode broken = readTree("{\"total\":1,\"data\":[{\"id\":\"not-a-hex-id\",\"orderNumber\":7}]}");
        List<String> problems = contract.problems(AdminApiContract.response("/search/order", "post"), broken);
        assertThat(problems).isNotEmpty();
    }

    private static JsonNode readTree(String json) {
        try {
            return SimJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
