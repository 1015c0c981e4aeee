package com.shopkhaos.infra.config;

import com.shopkhaos.model.audit.CatalogueAudit;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The go-live audit ({@code AUDIT_PRICE_TOLERANCE}, {@code AUDIT_NAME_LENGTH}): how far a shop price may be from Khaos's,
 * and the longest product name Khaos's item description takes (Khaos publishes no length; 0 turns the check off).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface AuditSettings {
    Setting TOLERANCE = Setting.of("AUDIT_PRICE_TOLERANCE", "shopkhaos.audit-price-tolerance");
    Setting NAME_LENGTH = Setting.of("AUDIT_NAME_LENGTH", "shopkhaos.audit-name-length");

    /** a shop price this far (gross, either way) from Khaos's is no finding (0 to 100.00, in pence) */
    @WithDefault("0.01")
    @WithConverter(Tolerance.class)
    BigDecimal auditPriceTolerance();

    /** names longer than this are a finding (0: not checked; at most 10000) */
    @WithDefault("100")
    @WithConverter(NameLength.class)
    Integer auditNameLength();

    default CatalogueAudit.Settings asSettings() {
        return new CatalogueAudit.Settings(auditPriceTolerance(), auditNameLength());
    }

    @RegisterForReflection
    final class Tolerance implements Converter<BigDecimal> {
        @Override
        public BigDecimal convert(String value) {
            return TOLERANCE.convert(value, text -> {
                BigDecimal amount;
                try {
                    amount = new BigDecimal(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(TOLERANCE + " must be an amount like 0.01, was \"" + text + "\"");
                }
                if (amount.signum() < 0 || amount.compareTo(new BigDecimal("100")) > 0 || amount.scale() > 2) {
                    throw new IllegalArgumentException(TOLERANCE + " must be between 0 and 100.00 in pence, was \"" + text + "\"");
                }
                return amount;
            });
        }
    }

    @RegisterForReflection
    final class NameLength implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return NAME_LENGTH.convert(value, text -> {
                try {
                    int length = Integer.parseInt(text.strip());
                    if (length >= 0 && length <= 10_000) {
                        return length;
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                throw new IllegalArgumentException(NAME_LENGTH + " must be a number of characters from 0 (not checked) to 10000, was \""
                        + text + "\"");
            });
        }
    }
}
