package com.shopkhaos.infra.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The nightly reconciliation ({@code RECONCILIATION_ROUNDING_TOLERANCE}, {@code RECONCILIATION_NOT_SENT_AFTER}); its first
 * run looks for changed orders from {@code ORDER_SWEEP_GO_LIVE}, and its totals are in {@code KHAOS_CURRENCY}.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface ReconciliationSettings {
    Setting TOLERANCE = Setting.of("RECONCILIATION_ROUNDING_TOLERANCE", "shopkhaos.reconciliation-rounding-tolerance");

    /** a total differing by at most this (with every line the same) is rounding: counted, not raised (0 to 1.00) */
    @WithDefault("0.02")
    @WithConverter(Tolerance.class)
    BigDecimal reconciliationRoundingTolerance();

    /** an order not sent to Khaos this long after it was placed is reported NOT_SENT */
    @WithDefault("2h")
    Duration reconciliationNotSentAfter();

    @RegisterForReflection
    final class Tolerance implements Converter<BigDecimal> {
        @Override
        public BigDecimal convert(String value) {
            return TOLERANCE.convert(value, Tolerance::amount);
        }

        private static BigDecimal amount(String text) {
            BigDecimal amount;
            try {
                amount = new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TOLERANCE + " must be an amount like 0.02, was \"" + text + "\"");
            }
            if (amount.signum() < 0 || amount.compareTo(BigDecimal.ONE) > 0 || amount.scale() > 2) {
                throw new IllegalArgumentException(TOLERANCE + " must be between 0 and 1.00 in pence, was \"" + text + "\"");
            }
            return amount;
        }
    }
}
