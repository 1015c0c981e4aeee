package com.shopkhaos.infra.config;

import com.shopkhaos.model.khaos.TaxRateTable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The Khaos Control Cloud channel ({@code KHAOS_CHANNEL_SECRET_ARN}, {@code KHAOS_TAX_RATES},
 * {@code KHAOS_ORDER_DOWNLOAD_MINUTES}, {@code KHAOS_ORDER_PAGE_SIZE}). Order-sync and stock sync read the tax rates
 * too, so what only the channel needs is required by its accessor, not here.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface KhaosChannelSettings {
    Setting SECRET_ARN = Setting.of("KHAOS_CHANNEL_SECRET_ARN", "shopkhaos.khaos-channel-secret-arn");
    Setting TAX_RATES = Setting.of("KHAOS_TAX_RATES", "shopkhaos.khaos-tax-rates");
    Setting ORDER_DOWNLOAD_MINUTES = Setting.of("KHAOS_ORDER_DOWNLOAD_MINUTES", "shopkhaos.khaos-order-download-minutes");

    /** ARN of the secret with the channel's Basic auth */
    Optional<String> khaosChannelSecretArn();

    /** what Khaos's tax rate codes mean, {@code code=percent,…} */
    @WithConverter(TaxRates.class)
    Optional<TaxRateTable> khaosTaxRates();

    /** the {@code Frequency} of OrderDownload in our EndpointConfig */
    Optional<Integer> khaosOrderDownloadMinutes();

    /** most orders in one OrderDownload answer */
    @WithDefault("1000")
    int khaosOrderPageSize();

    default String secretArn() {
        return SECRET_ARN.required(khaosChannelSecretArn());
    }

    default TaxRateTable taxRates() {
        return TAX_RATES.required(khaosTaxRates());
    }

    default int orderDownloadMinutes() {
        return ORDER_DOWNLOAD_MINUTES.required(khaosOrderDownloadMinutes());
    }

    @RegisterForReflection
    final class TaxRates implements Converter<TaxRateTable> {
        @Override
        public TaxRateTable convert(String value) {
            return TAX_RATES.convert(value, text -> TaxRateTable.parse(text, TAX_RATES.toString()));
        }
    }
}
