package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.secrets.ChannelCredentialsSource;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.ChannelCredentials;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosChannelService;
import com.shopkhaos.model.khaos.KhaosInbox;
import com.shopkhaos.model.khaos.KhaosMessageCodec;
import com.shopkhaos.model.khaos.TaxRateTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the Khaos channel's service from the adapters and configuration. */
@Singleton
public class KhaosChannelWiring {

    @Produces
    @Singleton
    ChannelCredentials channelCredentials(SecretsManagerClient secrets,
                                          @ConfigProperty(name = "shopkhaos.khaos-channel-secret-arn") String secretArn) {
        return ChannelCredentialsSource.read(secrets, secretArn);
    }

    @Produces
    @Singleton
    TaxRateTable taxRates(@ConfigProperty(name = "shopkhaos.khaos-tax-rates") String taxRates) {
        return TaxRateTable.parse(taxRates);
    }

    @Produces
    @Singleton
    KhaosChannelService khaosChannel(ChannelCredentials credentials, KhaosMessageCodec codec, KhaosInbox inbox,
                                     KhaosCatalogue catalogue, ExceptionLedger exceptions, TaxRateTable taxRates,
                                     @ConfigProperty(name = "shopkhaos.khaos-order-download-minutes") int frequency,
                                     @ConfigProperty(name = "shopkhaos.public-base-url") Optional<String> publicBaseUrl,
                                     Clock clock) {
        return new KhaosChannelService(credentials, codec, inbox, catalogue, exceptions, taxRates, frequency, publicBaseUrl,
                clock);
    }
}
