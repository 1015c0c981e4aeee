package com.shopkhaos.function.orderintake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** The Lambda, driven through Quarkus's API Gateway (HTTP API v2) event mock, against the emulators. */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "OrderIntakeFunction"))
class OrderIntakeFunctionTest {
    private static final String APP_NAME = "KhaosControlConnector";

    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("OrderIntakeFunction");

    /** Runs the handshake as a shop would and returns the shop secret we issued. */
    private String install(String shopId) {
        String query = "shop-id=" + shopId + "&shop-url=http://shop.test&timestamp=1795773492";
        Response registered = given().urlEncodingEnabled(false).header("shopware-app-signature", HmacSignature.sign(SharedLocalCloud.APP_SECRET, query))
                .when().get("/shopware/app/register?" + query);
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.jsonPath().getString("proof"))
                .isEqualTo(HmacSignature.sign(SharedLocalCloud.APP_SECRET, shopId + "http://shop.test" + APP_NAME));
        assertThat(registered.jsonPath().getString("confirmation_url")).endsWith("/shopware/app/confirm");
        String shopSecret = registered.jsonPath().getString("secret");
        String confirmation = "{\"apiKey\":\"SWIAK\",\"secretKey\":\"sk\",\"timestamp\":\"1795773493\",\"shopUrl\":\"http:\\/\\/shop.test\",\"shopId\":\""
                + shopId + "\"}";
        given().header("shopware-shop-signature", HmacSignature.sign(shopSecret, confirmation))
                .contentType("application/json").body(confirmation)
                .when().post("/shopware/app/confirm").then().statusCode(204);
        return shopSecret;
    }

    @Test
    void installedShop_webhook_reachesLedgerAndQueue_overTheLambdaPath() {
        String shopId = "fn" + Long.toString(System.nanoTime(), 36);
        String secret = install(shopId);
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String orderId = UUID.randomUUID().toString().replace("-", "");
        String body = "{\"data\":{\"payload\":{\"order\":{\"orderNumber\":\"20001\",\"id\":\"" + orderId + "\"}},"
                + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/shop.test\",\"eventId\":\"" + eventId
                + "\",\"shopId\":\"" + shopId + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";

        given().header("shopware-shop-signature", HmacSignature.sign(secret, body)).contentType("application/json").body(body)
                .when().post("/webhooks/shopware").then().statusCode(200);
        given().header("shopware-shop-signature", HmacSignature.sign(secret, body)).contentType("application/json").body(body)
                .when().post("/webhooks/shopware").then().statusCode(200);

        Map<String, AttributeValue> item = cloud.dynamoDb().getItem(b -> b.tableName(env.get("ORDERS_TABLE"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        assertThat(item.get("state").s()).isEqualTo("RECEIVED");
        assertThat(item.get("orderNumber").s()).isEqualTo("20001");
        List<Message> messages = cloud.sqs().receiveMessage(b -> b.queueUrl(env.get("ORDER_EVENTS_QUEUE_URL"))
                .maxNumberOfMessages(10)).messages();
        assertThat(messages).filteredOn(m -> m.body().contains(eventId)).hasSize(1);
    }

    @Test
    void wrongSignature_isRefused_withNothingStored() {
        String shopId = "fn" + Long.toString(System.nanoTime(), 36);
        install(shopId);
        String orderId = UUID.randomUUID().toString().replace("-", "");
        String body = "{\"data\":{\"payload\":{\"order\":{\"id\":\"" + orderId + "\"}},\"event\":\"checkout.order.placed\"},"
                + "\"source\":{\"eventId\":\"e1\",\"shopId\":\"" + shopId + "\"},\"timestamp\":1}";
        given().header("shopware-shop-signature", HmacSignature.sign("forged", body)).body(body)
                .when().post("/webhooks/shopware").then().statusCode(401);
        assertThat(cloud.dynamoDb().getItem(b -> b.tableName(env.get("ORDERS_TABLE"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item()).isEmpty();
    }

    @Test
    void registrationWithWrongAppSignature_gets401() {
        given().header("shopware-app-signature", "00ff").when()
                .get("/shopware/app/register?shop-id=x1&shop-url=http://evil.test&timestamp=1").then().statusCode(401);
    }
}
