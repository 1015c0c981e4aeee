package com.shopkhaos.function.opsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ops API as deployed (OPS_AUTH=jwt, the template's environment): the console page signs in with the user pool's
 * hosted pages (authorization code with PKCE), and every action is recorded under the name in the token API Gateway's
 * JWT authorizer let through. (The authorizer's own checks are API Gateway's; here the token is taken as checked.)
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = {@ResourceArg(name = "function", value = "OpsApiFunction"),
        @ResourceArg(name = "overrides", value = "OPS_SIGN_IN_DOMAIN_PREFIX=shop-ops,OPS_CONSOLE_URL=https://ops.example.test/ops/console,"
                + "OPS_CLIENT_ID=4abc5defclient,AWS_REGION=eu-west-2")})
class OpsConsoleSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("OpsApiFunction");

    private static String token(String email) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"email\":\"" + email + "\",\"aud\":\"4abc5defclient\",\"token_use\":\"id\"}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void thePage_signsInWithTheUserPool_usingTheCodeFlowAndPkce() throws Exception {
        JsonNode config = JSON.readTree(given().when().get("/ops/console-config").then().statusCode(200).extract().asString());
        assertThat(config.path("mode").asText()).isEqualTo("cognito");
        assertThat(config.path("authorizeUrl").asText()).isEqualTo("https://shop-ops.auth.eu-west-2.amazoncognito.com/oauth2/authorize");
        assertThat(config.path("tokenUrl").asText()).isEqualTo("https://shop-ops.auth.eu-west-2.amazoncognito.com/oauth2/token");
        assertThat(config.path("clientId").asText()).isEqualTo("4abc5defclient");
        assertThat(config.path("redirectUri").asText()).isEqualTo("https://ops.example.test/ops/console");

        String csp = given().when().get("/ops/console").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(csp).contains("connect-src 'self' https://shop-ops.auth.eu-west-2.amazoncognito.com").contains("script-src 'self'");
        String js = given().when().get("/ops/assets/console.js").then().statusCode(200).extract().asString();
        assertThat(js).contains("code_challenge_method=S256").contains("grant_type: 'authorization_code'");
    }

    @Test
    void anActionIsRecordedUnderTheSignedInPersonsEmail_andNoTokenGetsNothing() throws Exception {
        String subject = "OPS-JWT-" + System.nanoTime();
        DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"));
        exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOKS_MISSING, ExceptionSubject.other(subject), "a test problem", "", Instant.now()));
        String id = ExceptionRecord.idFor(ExceptionType.WEBHOOKS_MISSING, subject);

        given().when().get("/ops/api/exceptions").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").when().get("/ops/api/exceptions").then().statusCode(401);
        given().header("Authorization", "Bearer " + token("priya@shop.example")).contentType("application/json")
                .body("{\"note\":\"checked the app is active\"}").when().post("/ops/api/exceptions/{id}/resolve", id)
                .then().statusCode(200);
        assertThat(exceptions.find(id)).get().satisfies(e -> assertThat(e.resolvedBy()).isEqualTo("priya@shop.example"));
    }

    @Test
    void healthAtAGlance_showsEveryQueueAndDlqDepth() throws Exception {
        JsonNode health = JSON.readTree(given().header("Authorization", "Bearer " + token("priya@shop.example")).when()
                .get("/ops/api/health").then().statusCode(200).extract().asString());
        assertThat(health.toString()).contains("order-events-dlq").contains("stock-changes").contains("despatches-dlq")
                .contains("waiting").contains("Last webhook from the shop").contains("Last order pull by Khaos")
                .doesNotContain("could not be read");
    }
}
