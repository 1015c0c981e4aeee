package com.shopkhaos.infra.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The scheduled order checks: the sweep for orders whose webhooks were lost ({@code ORDER_SWEEP_GO_LIVE},
 * {@code ORDER_SWEEP_GRACE}) and the watch for orders Khaos downloaded and never confirmed
 * ({@code KHAOS_CONFIRMATION_AFTER}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface OrderSweepSettings {
    Setting GO_LIVE = Setting.of("ORDER_SWEEP_GO_LIVE", "shopkhaos.order-sweep-go-live");

    /** the UTC time the first sweep starts from; not set or blank: the first run's own time */
    @WithConverter(GoLive.class)
    Optional<Instant> orderSweepGoLive();

    /** orders changed more recently than this are left to their webhooks */
    @WithDefault("10m")
    Duration orderSweepGrace();

    /** Khaos downloaded an order and has not reported it for this long: an exception for a person */
    @WithDefault("4h")
    Duration khaosConfirmationAfter();

    @RegisterForReflection
    final class GoLive implements Converter<Instant> {
        @Override
        public Instant convert(String value) {
            return GO_LIVE.convert(value, GoLive::instant);
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(GO_LIVE + " must be a UTC time like 2026-12-01T00:00:00Z, was \"" + text
                        + "\"");
            }
        }
    }
}
