package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.shopware.JacksonAppMessageCodec;
import com.shopkhaos.model.app.AppIdentity;
import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.app.ShopSecretIssuer;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.web.EndpointAnswer;
import com.shopkhaos.model.web.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppRegistrationIntegrationTest {
    private static final String APP_SECRET = "app-secret-for-registration-tests";
    private final Adapters adapters = new Adapters();
    private final AppRegistrationService registration = new AppRegistrationService(
            new AppIdentity("KhaosControlConnector", APP_SECRET, Optional.empty()), adapters.shops,
            new JacksonAppMessageCodec(), ShopSecretIssuer.randomOnly(), Clock.systemUTC());

    @Test
    void handshake_registersTheShop_withProofSecretAndCredentials() throws Exception {
        String shopId = "reg" + Long.toString(System.nanoTime(), 36);
        String query = "shop-id=" + shopId + "&shop-url=http://localhost:8080/shopware-sim&timestamp=1795773492";
        EndpointAnswer answer = registration.register(query,
                RequestHeaders.of(Map.of("shopware-app-signature", HmacSignature.sign(APP_SECRET, query))),
                "http://localhost:8080/");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = InfraJson.mapper().readTree(answer.body());
        assertThat(json.path("proof").asText())
                .isEqualTo(HmacSignature.sign(APP_SECRET, shopId + "http://localhost:8080/shopware-sim" + "KhaosControlConnector"));
        String shopSecret = json.path("secret").asText();
        assertThat(shopSecret).hasSizeBetween(64, 255);
        assertThat(json.path("confirmation_url").asText()).isEqualTo("http://localhost:8080/shopware/app/confirm");
        assertThat(adapters.shops.find(shopId)).get().matches(r -> !r.isConfirmed());

        String confirmation = "{\"apiKey\":\"SWIAKEY1\",\"secretKey\":\"sk1\",\"timestamp\":\"1795773493\","
                + "\"shopUrl\":\"http:\\/\\/localhost:8080\\/shopware-sim\",\"shopId\":\"" + shopId + "\"}";
        byte[] body = confirmation.getBytes(StandardCharsets.UTF_8);
        assertThat(registration.confirm(RequestHeaders.of(Map.of("shopware-shop-signature", HmacSignature.sign("wrong", body))),
                body).status()).isEqualTo(401);
        assertThat(registration.confirm(RequestHeaders.of(Map.of("shopware-shop-signature", HmacSignature.sign(shopSecret, body))),
                body).status()).isEqualTo(204);
        assertThat(adapters.shops.find(shopId)).get().satisfies(r -> {
            assertThat(r.isConfirmed()).isTrue();
            assertThat(r.apiKey()).isEqualTo("SWIAKEY1");
            assertThat(r.shopUrl()).isEqualTo("http://localhost:8080/shopware-sim");
        });
    }

    @Test
    void wrongAppSignature_gets401_andRegistersNothing() {
        String shopId = "reg" + Long.toString(System.nanoTime(), 36);
        String query = "shop-id=" + shopId + "&shop-url=http://evil.test&timestamp=1795773492";
        EndpointAnswer answer = registration.register(query,
                RequestHeaders.of(Map.of("shopware-app-signature", HmacSignature.sign("guessed", query))), "http://x/");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(registration.register(query, RequestHeaders.of(Map.of()), "http://x/").status()).isEqualTo(401);
        assertThat(adapters.shops.find(shopId)).isEmpty();
    }
}
