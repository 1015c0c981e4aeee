package com.shopkhaos.function.khaoschannel;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rotated KCC channel password takes effect without a restart: the function (its own instance here, with a TTL far
 * longer than the test, so only the forced read on a failed check can see the rotation) admits the new password at
 * once and refuses the old one.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = {@ResourceArg(name = "function", value = "KhaosChannelFunction"),
        @ResourceArg(name = "overrides", value = "shopkhaos.secrets.ttl=1H")})
class ChannelPasswordRotationTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("KhaosChannelFunction");

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rotatedPassword_isAdmittedWithoutARestart_andTheOldOneRefused() throws Exception {
        String arn = env.get("KHAOS_CHANNEL_SECRET_ARN");
        String original = cloud.secretsManager().getSecretValue(b -> b.secretId(arn)).secretString();
        var json = new ObjectMapper().readTree(original);
        String user = json.path("user").asText();
        String oldPassword = json.path("password").asText();
        given().header("Authorization", basic(user, oldPassword)).when().get("/khaos/config.json").then().statusCode(200);
        try {
            cloud.secretsManager().putSecretValue(b -> b.secretId(arn)
                    .secretString("{\"user\":\"" + user + "\",\"password\":\"rotated-password-0001\"}"));

            given().header("Authorization", basic(user, "rotated-password-0001")).when().get("/khaos/config.json")
                    .then().statusCode(200);
            given().header("Authorization", basic(user, oldPassword)).when().get("/khaos/config.json").then().statusCode(401);
            given().header("Authorization", basic(user, "rotated-password-0001")).when().get("/khaos/orders").then().statusCode(200);
        } finally {
            cloud.secretsManager().putSecretValue(b -> b.secretId(arn).secretString(original));
        }
    }
}
