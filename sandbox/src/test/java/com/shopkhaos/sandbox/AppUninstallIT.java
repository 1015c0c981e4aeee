package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.model.signing.HmacSignature;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Uninstalling the app from the simulated shop: Shopware sends {@code app.deleted}, order-intake verifies it and
 * deletes the shop's secret; its webhooks are refused from then on, a replay of app.deleted is answered 200, and
 * the app can be installed again at once (the secret was deleted without a recovery window).
 */
class AppUninstallIT {
    private static final String SHOP_ID = "uninstShop000001";
    private static final String SHOP_SECRET = "uninstall-shop-secret-" + "u".repeat(44);
    private static RunningSandbox sandbox;
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("SHOPWARE_SHOP_ID", SHOP_ID, "SHOPWARE_SHOP_SECRET", SHOP_SECRET));
        Matcher endpoint = Pattern.compile("Secrets Manager (http://\\S+)").matcher(sandbox.output());
        assertThat(endpoint.find()).as("the banner names the Secrets Manager emulator").isTrue();
        secrets = SecretsManagerClient.builder().endpointOverride(URI.create(endpoint.group(1)))
                .region(Region.of(LocalCloud.REGION)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY,
                        LocalCloud.SECRET_KEY))).build();
    }

    @AfterAll
    static void stop() {
        if (secrets != null) {
            secrets.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String shopSecretName() {
        return "sandbox/shops/" + SHOP_ID;
    }

    private static String orderPlaced(String eventId) {
        return "{\"data\":{\"payload\":{\"order\":{\"id\":\"" + "ab".repeat(16) + "\",\"orderNumber\":\"U-1\"}},"
                + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/x\",\"eventId\":\"" + eventId
                + "\",\"shopId\":\"" + SHOP_ID + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
    }

    @Test
    void uninstall_sendsAppDeleted_andTheShopsSecretIsDeleted() throws Exception {
        assertThat(secrets.getSecretValue(b -> b.secretId(shopSecretName())).secretString()).contains("CONFIRMED");
        assertThat(sandbox.json("GET", "/shopware-sim/_control/apps", null).path("apps").path(0).path("webhooks"))
                .extracting(w -> w.path("event").asText()).contains("app.deleted");

        sandbox.json("POST", "/shopware-sim/_control/apps/uninstall", "{\"name\":\"KhaosControlConnector\",\"keepUserData\":false}");

        JsonNode delivery = awaitDelivery();
        assertThat(delivery.path("status").asInt()).isEqualTo(200);
        assertThatThrownBy(() -> secrets.getSecretValue(b -> b.secretId(shopSecretName())))
                .isInstanceOf(ResourceNotFoundException.class);

        String order = orderPlaced("after-uninstall-1");
        assertThat(sandbox.send("POST", "/webhooks/shopware", order, "shopware-shop-signature",
                HmacSignature.sign(SHOP_SECRET, order)).statusCode()).as("the shop is gone").isEqualTo(401);

        String replay = "{\"data\":{\"payload\":{\"keepUserData\":false},\"event\":\"app.deleted\"},\"source\":{\"url\":\"http:\\/\\/x\","
                + "\"eventId\":\"replayed-app-deleted\",\"shopId\":\"" + SHOP_ID + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
        var replayed = sandbox.send("POST", "/webhooks/shopware", replay, "shopware-shop-signature", HmacSignature.sign(SHOP_SECRET, replay));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(RunningSandbox.JSON.readTree(replayed.body()).path("outcome").asText()).isEqualTo("APP_DELETED");

        sandbox.json("POST", "/shopware-sim/_control/apps/install", RunningSandbox.JSON.createObjectNode()
                .put("manifestPath", RunningSandbox.repositoryRoot().resolve("shopware-app/manifest.xml").toString())
                .put("baseUrl", sandbox.baseUrl).toString());
        assertThat(secrets.getSecretValue(b -> b.secretId(shopSecretName())).secretString())
                .as("installed again at once: no recovery window holds the name").contains("CONFIRMED");
        String again = orderPlaced("after-reinstall-1");
        assertThat(sandbox.send("POST", "/webhooks/shopware", again, "shopware-shop-signature",
                HmacSignature.sign(SHOP_SECRET, again)).statusCode()).isEqualTo(200);
    }

    private static JsonNode awaitDelivery() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode d : sandbox.json("GET", "/shopware-sim/_control/webhooks/deliveries?event=app.deleted", null)
                    .path("deliveries")) {
                if (d.path("status").asInt() != 0) {
                    return d;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no app.deleted delivery within 30 s");
    }
}
