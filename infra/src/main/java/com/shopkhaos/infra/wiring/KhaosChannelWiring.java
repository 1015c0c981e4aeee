package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.secrets.ChannelCredentialsSource;
import com.shopkhaos.infra.config.KhaosChannelSettings;
import com.shopkhaos.infra.config.PublicUrlSettings;
import com.shopkhaos.infra.config.SecretSettings;
import com.shopkhaos.infra.config.StockSyncSettings;
import com.shopkhaos.model.secrets.RotatingSecret;
import com.shopkhaos.model.despatch.DespatchPublisher;
import com.shopkhaos.model.despatch.DespatchRecorder;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.ChannelCredentials;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosChannelService;
import com.shopkhaos.model.khaos.KhaosInbox;
import com.shopkhaos.model.khaos.KhaosMessageCodec;
import com.shopkhaos.model.khaos.DownloadPages;
import com.shopkhaos.model.khaos.KhaosOrderFeed;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.KhaosOrderStatusRecorder;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockChangePublisher;
import com.shopkhaos.model.khaos.TaxRateTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the Khaos channel's service from the adapters and configuration. */
@Singleton
public class KhaosChannelWiring {

    /** The channel's credentials, read again after the secrets' TTL and when a caller's do not match (rotation). */
    static RotatingSecret<ChannelCredentials> channelCredentials(SecretsManagerClient secrets, SecretSettings settings,
                                                                 Clock clock, String secretArn) {
        RotatingSecret<ChannelCredentials> credentials = new RotatingSecret<>("the Khaos channel credentials",
                () -> ChannelCredentialsSource.read(secrets, secretArn), settings.ttl(), clock);
        credentials.current(); // an unreadable secret stops the start-up, as before
        return credentials;
    }

    @Produces
    @Singleton
    TaxRateTable taxRates(KhaosChannelSettings settings) {
        return settings.taxRates();
    }

    @Produces
    @Singleton
    KhaosOrderFeed orderFeed(OrderLedger ledger, DownloadPages pages, ExceptionLedger exceptions,
                             KhaosChannelSettings settings, Clock clock) {
        return new KhaosOrderFeed(ledger, pages, exceptions, settings.khaosOrderPageSize(), clock);
    }

    @Produces
    @Singleton
    KhaosOrderStatusRecorder orderStatuses(OrderLedger ledger, ExceptionLedger exceptions, InFlightOrders inFlight,
                                           StockChangePublisher stockChanges, StockSyncSettings stock, Clock clock) {
        return new KhaosOrderStatusRecorder(ledger, exceptions, inFlight, stockChanges, stock.stockSettle(), clock);
    }

    @Produces
    @Singleton
    KhaosChannelService khaosChannel(SecretsManagerClient secrets, SecretSettings secretSettings, KhaosChannelSettings settings,
                                     KhaosMessageCodec codec, KhaosInbox inbox,
                                     KhaosCatalogue catalogue, ExceptionLedger exceptions, TaxRateTable taxRates,
                                     KhaosOrderFeed feed, KhaosOrderStatusRecorder statuses, KhaosStockLevels stock,
                                     StockChangePublisher stockChanges, ShipmentBook shipments, DespatchPublisher despatches,
                                     OrderLedger ledger,
                                     PublicUrlSettings publicUrl, Clock clock) {
        DespatchRecorder despatchRecorder = new DespatchRecorder(statuses, shipments, despatches, ledger, clock);
        return new KhaosChannelService(channelCredentials(secrets, secretSettings, clock, settings.secretArn()), codec, inbox,
                catalogue, exceptions, taxRates, feed, despatchRecorder, stock, stockChanges, settings.orderDownloadMinutes(),
                publicUrl.publicBaseUrl(), clock);
    }
}
