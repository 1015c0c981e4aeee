package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.app.ShopRegistration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretsManagerShopRegistryTest {
    private final Adapters adapters = new Adapters();
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void save_thenFind_keepsTheRegistrationInItsOwnSecret() {
        String shopId = "shop" + System.nanoTime();
        ShopRegistration pending = ShopRegistration.pending(shopId, "https://shop.example", "s".repeat(64), t0);
        adapters.shops.save(pending);
        assertThat(adapters.shops.find(shopId)).contains(pending);

        ShopRegistration confirmed = pending.confirmed("https://shop.example", "SWIAKEY", "secret-key", t0.plusSeconds(1));
        adapters.shops.save(confirmed);
        assertThat(adapters.shops.find(shopId)).contains(confirmed);

        String stored = adapters.cloud.secretsManager()
                .getSecretValue(b -> b.secretId(adapters.env.get("SHOP_SECRETS_PREFIX") + shopId)).secretString();
        assertThat(stored).contains("\"status\":\"CONFIRMED\"").contains("SWIAKEY");
    }

    @Test
    void find_answersEmpty_forUnknownOrMalformedShopIds() {
        assertThat(adapters.shops.find("neverRegistered1")).isEmpty();
        assertThat(adapters.shops.find("../../etc")).isEmpty();
        assertThat(adapters.shops.find("")).isEmpty();
    }

    @Test
    void aPendingRegistration_isReadAgain_soAnotherInstancesConfirmationIsSeen() {
        String shopId = "shop" + System.nanoTime();
        ShopRegistration pending = ShopRegistration.pending(shopId, "https://shop.example", "p".repeat(64), t0);
        adapters.shops.save(pending);
        assertThat(adapters.shops.find(shopId)).contains(pending);

        Adapters otherInstance = new Adapters();
        otherInstance.shops.save(pending.confirmed("https://shop.example", "K", "S", t0.plusSeconds(2)));
        assertThat(adapters.shops.find(shopId)).get().matches(ShopRegistration::isConfirmed);
    }
}
