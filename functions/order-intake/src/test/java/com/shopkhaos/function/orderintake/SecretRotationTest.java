package com.shopkhaos.function.orderintake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.model.signing.HmacSignature;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rotated secrets take effect without a restart: this function instance runs with a TTL far longer than the test,
 * so only the forced read after a failed signature can see a rotation; the new value is admitted at once and
 * the old one refused.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = {@ResourceArg(name = "function", value = "OrderIntakeFunction"),
        @ResourceArg(name = "overrides", value = "shopkhaos.secrets.ttl=1H")})
class SecretRotationTest {
    private static final String APP_NAME = "KhaosControlConnector";
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("OrderIntakeFunction");

    private static String registrationQuery(String shopId) {
        return "shop-id=" + shopId + "&shop-url=http://shop.test&timestamp=1795773492";
    }

    @Test
    void rotatedAppSecret_signsRegistrations_withoutARestart() {
        String arn = env.get("APP_SECRET_ARN");
        String shopId = "rot" + Long.toString(System.nanoTime(), 36);
        given().urlEncodingEnabled(false)
                .header("shopware-app-signature", HmacSignature.sign(SharedLocalCloud.APP_SECRET, registrationQuery(shopId)))
                .when().get("/shopware/app/register?" + registrationQuery(shopId)).then().statusCode(200);
        String rotated = "rotated-app-secret-" + UUID.randomUUID();
        try {
            cloud.secretsManager().putSecretValue(b -> b.secretId(arn).secretString(rotated));

            String proof = given().urlEncodingEnabled(false)
                    .header("shopware-app-signature", HmacSignature.sign(rotated, registrationQuery(shopId)))
                    .when().get("/shopware/app/register?" + registrationQuery(shopId))
                    .then().statusCode(200).extract().jsonPath().getString("proof");
            assertThat(proof).as("the proof is signed with the new app secret")
                    .isEqualTo(HmacSignature.sign(rotated, shopId + "http://shop.test" + APP_NAME));
            given().urlEncodingEnabled(false)
                    .header("shopware-app-signature", HmacSignature.sign(SharedLocalCloud.APP_SECRET, registrationQuery(shopId)))
                    .when().get("/shopware/app/register?" + registrationQuery(shopId)).then().statusCode(401);
        } finally {
            cloud.secretsManager().putSecretValue(b -> b.secretId(arn).secretString(SharedLocalCloud.APP_SECRET));
        }
    }

    @Test
    void newShopSecret_verifiesWebhooks_withoutARestart() {
        String shopId = "rot" + Long.toString(System.nanoTime(), 36);
        String secretName = env.get("SHOP_SECRETS_PREFIX") + shopId;
        cloud.secretsManager().createSecret(b -> b.name(secretName).secretString(registration(shopId, "first-shop-secret")));
        String first = webhook(shopId);
        given().header("shopware-shop-signature", HmacSignature.sign("first-shop-secret", first)).body(first)
                .when().post("/webhooks/shopware").then().statusCode(200);

        // the shop registers again (say, from another instance): a new shop secret in its secret
        cloud.secretsManager().putSecretValue(b -> b.secretId(secretName).secretString(registration(shopId, "second-shop-secret")));

        String second = webhook(shopId);
        given().header("shopware-shop-signature", HmacSignature.sign("second-shop-secret", second)).body(second)
                .when().post("/webhooks/shopware").then().statusCode(200);
        String third = webhook(shopId);
        given().header("shopware-shop-signature", HmacSignature.sign("first-shop-secret", third)).body(third)
                .when().post("/webhooks/shopware").then().statusCode(401);
    }

    private static String registration(String shopId, String shopSecret) {
        return "{\"shopId\":\"" + shopId + "\",\"shopUrl\":\"http://shop.test\",\"shopSecret\":\"" + shopSecret
                + "\",\"apiKey\":\"SWIAK\",\"secretKey\":\"sk\",\"status\":\"CONFIRMED\","
                + "\"registeredAt\":\"2026-12-04T10:00:00Z\",\"confirmedAt\":\"2026-12-04T10:00:01Z\"}";
    }

    private static String webhook(String shopId) {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String orderId = UUID.randomUUID().toString().replace("-", "");
        return "{\"data\":{\"payload\":{\"order\":{\"orderNumber\":\"30001\",\"id\":\"" + orderId + "\"}},"
                + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/shop.test\",\"eventId\":\"" + eventId
                + "\",\"shopId\":\"" + shopId + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
    }
}
