package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.secrets.SecretsManagerShopRegistry;
import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.intake.IntakeOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A shop's secret held in the registry's cache is read afresh when a webhook's signature does not verify with it,
 * at most once a minute per shop, however many bad webhooks come: the Secrets Manager reads are counted against the
 * emulator, on a clock the test moves (no sleeping).
 */
class ShopSecretRereadTest {
    private static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Adapters adapters = new Adapters();
    private final HandClock clock = new HandClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    /** The emulator's client, counting GetSecretValue. */
    private final SecretsManagerClient counting = (SecretsManagerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SecretsManagerClient.class}, (proxy, method, args) -> {
                if (method.getName().equals("getSecretValue")) {
                    reads.incrementAndGet();
                }
                if (method.getName().startsWith("listSecrets")) {
                    listings.incrementAndGet();
                }
                try {
                    return method.invoke(adapters.cloud.secretsManager(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final SecretsManagerShopRegistry registry = new SecretsManagerShopRegistry(counting,
            adapters.env.get("SHOP_SECRETS_PREFIX"), clock, Duration.ofMinutes(5));
    private final WebhookIntakeService intake = new WebhookIntakeService(new JacksonWebhookReader(), registry,
            adapters.ledger, adapters.exceptions, adapters.publisher, clock);
    private final String shopId = "reread" + Long.toString(System.nanoTime(), 36);

    private ShopRegistration registration(String shopSecret) {
        return ShopRegistration.pending(shopId, "http://shop.test", shopSecret, clock.instant())
                .confirmed("http://shop.test", "KEY", "SECRET", clock.instant());
    }

    private IntakeOutcome send(String signingSecret) {
        String body = "{\"data\":{\"payload\":{\"order\":{\"orderNumber\":\"1\",\"id\":\"" + UUID.randomUUID().toString().replace("-", "")
                + "\"}},\"event\":\"some.event.we.ignore\"},\"source\":{\"eventId\":\"" + UUID.randomUUID() + "\",\"shopId\":\""
                + shopId + "\"},\"timestamp\":1}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return intake.handle(bytes, Optional.of(HmacSignature.sign(signingSecret, bytes))).outcome();
    }

    @Test
    void theShopsAreListedOncePerTtl_notOnEveryStockPush_andASaveHereIsSeenAtOnce() {
        registry.save(registration("listed-secret"));
        assertThat(registry.shopIds()).contains(shopId);
        int first = listings.get();
        assertThat(first).as("the first ask lists").isPositive();
        for (int i = 0; i < 50; i++) {
            assertThat(registry.shopIds()).contains(shopId);
        }
        assertThat(listings).as("50 more asks inside the TTL, no more listing").hasValue(first);

        registry.remove(shopId);
        assertThat(registry.shopIds()).as("a shop removed here is gone at once").doesNotContain(shopId);
        registry.save(registration("listed-again"));
        assertThat(registry.shopIds()).contains(shopId);
        int afterSaves = listings.get();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        registry.shopIds();
        assertThat(listings).as("listed again once the TTL ran out").hasValue(afterSaves + 1);
    }

    @Test
    void aNewShopSecret_isSeenAtOnce_andAStormOfForgedSignaturesCostsOneReadAMinute() {
        registry.save(registration("first-secret"));
        assertThat(send("first-secret")).isEqualTo(IntakeOutcome.IGNORED_EVENT);
        assertThat(reads).as("save() filled the cache").hasValue(0);

        // another instance takes the shop's new registration (a new shop secret)
        new SecretsManagerShopRegistry(adapters.cloud.secretsManager(), adapters.env.get("SHOP_SECRETS_PREFIX"), clock)
                .save(registration("second-secret"));
        assertThat(send("second-secret")).isEqualTo(IntakeOutcome.IGNORED_EVENT);
        assertThat(reads).as("one forced read").hasValue(1);
        assertThat(send("first-secret")).isEqualTo(IntakeOutcome.UNAUTHENTICATED);

        for (int i = 0; i < 500; i++) {
            assertThat(send("forged-" + i)).isEqualTo(IntakeOutcome.UNAUTHENTICATED);
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(reads).as("500 forged webhooks over 50 s: no read, the minute is not over").hasValue(1);

        clock.advance(Duration.ofSeconds(10));
        assertThat(send("forged")).isEqualTo(IntakeOutcome.UNAUTHENTICATED);
        assertThat(reads).as("a minute on: one more read").hasValue(2);
        assertThat(send("second-secret")).isEqualTo(IntakeOutcome.IGNORED_EVENT);
        assertThat(reads).hasValue(2);
    }

    @Test
    void theCache_isReadAgainAfterTheTtl() {
        registry.save(registration("first-secret"));
        new SecretsManagerShopRegistry(adapters.cloud.secretsManager(), adapters.env.get("SHOP_SECRETS_PREFIX"), clock)
                .save(registration("second-secret"));
        clock.advance(Duration.ofMinutes(4));
        assertThat(registry.find(shopId)).get().extracting(ShopRegistration::shopSecret).isEqualTo("first-secret");
        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.find(shopId)).get().extracting(ShopRegistration::shopSecret).isEqualTo("second-secret");
        assertThat(reads).hasValue(1);
    }
}
