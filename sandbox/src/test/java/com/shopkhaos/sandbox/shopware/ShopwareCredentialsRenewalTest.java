package com.shopkhaos.sandbox.shopware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.infra.shopware.ShopwareClients;
import com.shopkhaos.infra.shopware.ShopwareCredentialsRejectedException;
import com.shopkhaos.infra.shopware.ShopwareShopProducts;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.shopware.SimulatedShop;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * When the shop refuses the Admin API credentials we hold (the app was installed again: Shopware made a new
 * integration and deleted the old one), the client reads the shop's registration afresh once and carries on with
 * the new credentials; when the store has nothing newer, the refusal stands.
 */
class ShopwareCredentialsRenewalTest {

    @Test
    void refusedCredentials_areReadAfresh_andTheCallSucceedsWithTheNewOnes() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            ShopRegistration old = registration(shop);
            shop.client.control("POST", "/apps/install", SimJson.write(SimJson.object().put("manifestXml", shop.app.manifest())));
            ShopRegistration renewed = registration(shop);
            assertThat(renewed.apiKey()).isNotEqualTo(old.apiKey());

            AtomicReference<ShopRegistration> stored = new AtomicReference<>(renewed);
            AtomicInteger freshReads = new AtomicInteger();
            ShopwareShopProducts products = new ShopwareShopProducts(new ShopwareClients(
                    registry(old, stored, freshReads), Clock.systemUTC()));

            assertThat(products.bySku(old.shopId(), List.of("SCARF-MER-GRY"))).hasSize(1);
            assertThat(freshReads).hasValue(1);
            assertThat(products.bySku(old.shopId(), List.of("SCARF-MER-GRY"))).hasSize(1);
            assertThat(freshReads).as("the client keeps the new credentials").hasValue(1);
        }
    }

    @Test
    void refusedCredentials_withNothingNewerStored_areRefused() throws Exception {
        try (SimulatedShop shop = new SimulatedShop()) {
            ShopRegistration old = registration(shop);
            shop.client.control("POST", "/apps/install", SimJson.write(SimJson.object().put("manifestXml", shop.app.manifest())));
            AtomicInteger freshReads = new AtomicInteger();
            ShopwareShopProducts products = new ShopwareShopProducts(new ShopwareClients(
                    registry(old, new AtomicReference<>(old), freshReads), Clock.systemUTC()));

            assertThatThrownBy(() -> products.bySku(old.shopId(), List.of("SCARF-MER-GRY")))
                    .isInstanceOf(ShopwareCredentialsRejectedException.class);
            assertThat(freshReads).hasValue(1);
        }
    }

    private static ShopRegistration registration(SimulatedShop shop) {
        return ShopRegistration.pending("testShop00000001", shop.server.baseUrl(), "s", Instant.now())
                .confirmed(shop.server.baseUrl(), shop.app.confirmedApiKey, shop.app.confirmedSecretKey, Instant.now());
    }

    /** A registry whose cache still holds {@code cached} until read afresh; the store holds {@code stored}. */
    private static ShopRegistry registry(ShopRegistration cached, AtomicReference<ShopRegistration> stored, AtomicInteger freshReads) {
        AtomicReference<ShopRegistration> cache = new AtomicReference<>(cached);
        return new ShopRegistry() {
            @Override
            public Optional<ShopRegistration> find(String shopId) {
                return Optional.of(cache.get());
            }

            @Override
            public Optional<ShopRegistration> findAfresh(String shopId) {
                freshReads.incrementAndGet();
                cache.set(stored.get());
                return Optional.of(cache.get());
            }

            @Override
            public void save(ShopRegistration registration) {
            }

            @Override
            public boolean remove(String shopId) {
                return false;
            }

            @Override
            public List<String> shopIds() {
                return List.of(cache.get().shopId());
            }
        };
    }
}
