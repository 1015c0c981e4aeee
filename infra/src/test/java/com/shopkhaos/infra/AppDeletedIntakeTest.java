package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.intake.IntakeAnswer;
import com.shopkhaos.model.intake.IntakeOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Shopware's app.deleted through the intake with the real registry: the shop's secret is deleted in Secrets Manager. */
class AppDeletedIntakeTest {
    private static final String SHOP_SECRET = "shop-secret-" + "d".repeat(52);
    private final Adapters adapters = new Adapters();
    private final WebhookIntakeService intake = new WebhookIntakeService(new JacksonWebhookReader(), adapters.shops,
            adapters.ledger, adapters.exceptions, adapters.publisher, Clock.systemUTC());
    private String shopId;

    @BeforeEach
    void registerShop() {
        shopId = "del" + Long.toString(System.nanoTime(), 36);
        adapters.shops.save(ShopRegistration.pending(shopId, "http://shop.test", SHOP_SECRET, Instant.now())
                .confirmed("http://shop.test", "KEY", "SECRET", Instant.now()));
    }

    private String appDeleted() {
        return "{\"data\":{\"payload\":{\"keepUserData\":false},\"event\":\"app.deleted\"},\"source\":{\"url\":\"http:\\/\\/shop.test\","
                + "\"shopId\":\"" + shopId + "\",\"appVersion\":\"1.0.0\",\"eventId\":\"0190f0e5d2a77c6bb1a1c1d2e3f40516\"},"
                + "\"timestamp\":1795773492}";
    }

    private IntakeAnswer send(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return intake.handle(bytes, Optional.of(HmacSignature.sign(secret, bytes)));
    }

    private String secretName() {
        return adapters.env.get("SHOP_SECRETS_PREFIX") + shopId;
    }

    @Test
    void verifiedAppDeleted_deletesTheShopsSecret_andAReplayIsAnswered200() {
        IntakeAnswer answer = send(appDeleted(), SHOP_SECRET);
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.APP_DELETED);
        assertThat(answer.message()).contains("shop removed");
        assertThatThrownBy(() -> adapters.cloud.secretsManager().getSecretValue(b -> b.secretId(secretName())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(adapters.shops.shopIds()).doesNotContain(shopId);

        IntakeAnswer replay = send(appDeleted(), SHOP_SECRET);
        assertThat(replay.outcome()).isEqualTo(IntakeOutcome.APP_DELETED);
        assertThat(replay.message()).contains("nothing to remove");
        // and a shop's own removal call made twice (another instance raced us) is no failure either
        assertThat(adapters.shops.remove(shopId)).isFalse();
    }

    @Test
    void forgedAppDeleted_isRefused_andTheSecretKept() {
        assertThat(send(appDeleted(), "forged").outcome()).isEqualTo(IntakeOutcome.UNAUTHENTICATED);
        assertThat(adapters.cloud.secretsManager().getSecretValue(b -> b.secretId(secretName())).secretString())
                .contains(shopId);
    }

    @Test
    void appDeleted_beforeTheRegistrationWasConfirmed_removesThePendingShop() {
        String pendingShop = "pend" + Long.toString(System.nanoTime(), 36);
        adapters.shops.save(ShopRegistration.pending(pendingShop, "http://shop.test", SHOP_SECRET, Instant.now()));
        shopId = pendingShop;
        assertThat(send(appDeleted(), SHOP_SECRET).message()).contains("shop removed");
        assertThat(adapters.shops.find(pendingShop)).isEmpty();
    }
}
