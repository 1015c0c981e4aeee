package com.shopkhaos.infra.config;

import com.shopkhaos.model.despatch.DespatchSettings;
import com.shopkhaos.model.despatch.RetryBackoff;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The despatch write-back to the shop ({@code SHOP_ORDER_STATE_FOLLOWS}, {@code KHAOS_CANCELLATION},
 * {@code WRITEBACK_ATTEMPTS}, {@code WRITEBACK_RETRY_AFTER}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface WritebackSettings {
    Setting CANCELLATION = Setting.of("KHAOS_CANCELLATION", "shopkhaos.khaos-cancellation");
    Setting ATTEMPTS = Setting.of("WRITEBACK_ATTEMPTS", "shopkhaos.writeback-attempts");
    Setting RETRY_AFTER = Setting.of("WRITEBACK_RETRY_AFTER", "shopkhaos.writeback-retry-after");

    /** the shop's order moves too: {@code process} on the first parcel, {@code complete} when everything shipped */
    @WithDefault("true")
    boolean shopOrderStateFollows();

    /** {@code exception} or {@code cancel-order} */
    @WithDefault("exception")
    @WithConverter(Cancellation.class)
    DespatchSettings.KhaosCancellation khaosCancellation();

    /** the try on which a failing write-back is put in front of a person (the queue's maxReceiveCount) */
    @WithDefault("5")
    int writebackAttempts();

    /** the wait before the second try of a failed write-back, doubling with each try (positive, at most 12 hours) */
    @WithConverter(RetryAfter.class)
    Optional<Duration> writebackRetryAfter();

    /** The core's write-back settings; fewer than one attempt is refused naming {@code WRITEBACK_ATTEMPTS}. */
    default DespatchSettings despatchSettings() {
        return ATTEMPTS.check(() -> new DespatchSettings(shopOrderStateFollows(), khaosCancellation(), writebackAttempts()));
    }

    /** The back-off of a failed write-back; refuses a missing {@code WRITEBACK_RETRY_AFTER}. */
    default RetryBackoff retryBackoff() {
        return new RetryBackoff(RETRY_AFTER.required(writebackRetryAfter()), RetryBackoff.SQS_LONGEST);
    }

    @RegisterForReflection
    final class Cancellation implements Converter<DespatchSettings.KhaosCancellation> {
        @Override
        public DespatchSettings.KhaosCancellation convert(String value) {
            return CANCELLATION.convert(value, text -> DespatchSettings.KhaosCancellation.parse(text, CANCELLATION.toString()));
        }
    }

    /** A duration as every other ({@code 30s}, {@code 1m}, {@code PT30S}), that the back-off accepts. */
    @RegisterForReflection
    final class RetryAfter implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return RETRY_AFTER.convert(value, text -> RETRY_AFTER.check(() -> {
                Duration first = DurationConverter.parseDuration(text.strip());
                return new RetryBackoff(first, RetryBackoff.SQS_LONGEST).first();
            }));
        }
    }
}
