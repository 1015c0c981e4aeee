package com.shopkhaos.infra.shopware;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The one retry the Admin API adapters make themselves, on SmallRye Fault Tolerance's programmatic API (the clients are
 * made with {@code new}, one per shop, where its annotations would do nothing). A call that is safe to repeat and met a
 * failure that may pass ({@link ShopwareUnavailableException}: a 5xx, a 429, a timeout, the shop unreachable) is made
 * once more after {@link #PAUSE}; anything else, and a second failure, goes to the caller. The next level is the queue's
 * redelivery with its own back-off: no service above the adapters repeats a Shopware call, so retries never stack.
 * Shopware's answers carry no {@code Retry-After} (its rate limiter says the wait in the message text only), so the
 * pause is fixed.
 */
final class ShopwareRetries {
    static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration JITTER = Duration.ofMillis(50);

    /** Built on first use: in a Quarkus application the guard lives in CDI, elsewhere in SmallRye's standalone runtime. */
    private static final class OnceMore {
        static final Guard GUARD = Guard.create().withDescription("shopware-admin-api-once-more")
                .withRetry().maxRetries(1).delay(PAUSE.toMillis(), ChronoUnit.MILLIS)
                .jitter(JITTER.toMillis(), ChronoUnit.MILLIS).retryOn(ShopwareUnavailableException.class).done()
                .build();
    }

    private ShopwareRetries() {
    }

    /** {@code call}, made once more after a failure that may pass. Only for calls that are safe to repeat. */
    static <T> T onceMore(Supplier<T> call, Class<T> type) {
        return OnceMore.GUARD.get(call, type);
    }
}
