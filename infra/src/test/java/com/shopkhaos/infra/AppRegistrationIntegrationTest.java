package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.shopware.JacksonAppMessageCodec;
import com.shopkhaos.model.app.AppIdentity;
import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.app.ShopSecretIssuer;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.app.RegistrationAnswer;
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
        RegistrationAnswer answer = registration.register(query, Optional.of(HmacSignature.sign(APP_SECRET, query)));
        assertThat(answer.outcome()).isEqualTo(RegistrationAnswer.Outcome.STARTED);
        assertThat(answer.started().orElseThrow().proof())
                .isEqualTo(HmacSignature.sign(APP_SECRET, shopId + "http://localhost:8080/shopware-sim" + "KhaosControlConnector"));
        String shopSecret = answer.started().orElseThrow().shopSecret();
        assertThat(shopSecret).hasSizeBetween(64, 255);
        assertThat(adapters.shops.find(shopId)).get().matches(r -> !r.isConfirmed());

        String confirmation = "{\"apiKey\":\"SWIAKEY1\",\"secretKey\":\"sk1\",\"timestamp\":\"1795773493\","
                + "\"shopUrl\":\"http:\\/\\/localhost:8080\\/shopware-sim\",\"shopId\":\"" + shopId + "\"}";
        byte[] body = confirmation.getBytes(StandardCharsets.UTF_8);
        assertThat(registration.confirm(body, Optional.of(HmacSignature.sign("wrong", body))).outcome())
                .isEqualTo(RegistrationAnswer.Outcome.REFUSED);
        assertThat(registration.confirm(body, Optional.of(HmacSignature.sign(shopSecret, body))).outcome())
                .isEqualTo(RegistrationAnswer.Outcome.CONFIRMED);
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
        RegistrationAnswer answer = registration.register(query, Optional.of(HmacSignature.sign("guessed", query)));
        assertThat(answer.outcome()).isEqualTo(RegistrationAnswer.Outcome.REFUSED);
        assertThat(registration.register(query, Optional.empty()).outcome()).isEqualTo(RegistrationAnswer.Outcome.REFUSED);
        assertThat(adapters.shops.find(shopId)).isEmpty();
    }
}
