package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.secrets.AppSecretSource;
import com.shopkhaos.infra.secrets.SecretSettings;
import com.shopkhaos.model.secrets.RotatingSecret;
import com.shopkhaos.model.app.AppIdentity;
import com.shopkhaos.model.app.AppMessageCodec;
import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.app.ShopSecretIssuer;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.intake.WebhookReader;
import com.shopkhaos.model.intake.WebhookReceipts;
import com.shopkhaos.model.ledger.OrderLedger;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the intake flow's services (plain shared-model classes) from the adapters and configuration. */
@Singleton
public class IntakeWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    WebhookIntakeService webhookIntake(WebhookReader reader, ShopRegistry shops, WebhookReceipts receipts,
                                       OrderLedger ledger, ExceptionLedger exceptions, OrderEventPublisher publisher,
                                       Clock clock) {
        return new WebhookIntakeService(reader, shops, receipts, ledger, exceptions, publisher, clock);
    }

    @Produces
    @Singleton
    AppIdentity appIdentity(SecretsManagerClient secrets, SecretSettings settings, Clock clock,
                            @ConfigProperty(name = "shopkhaos.app-name") String appName,
                            @ConfigProperty(name = "shopkhaos.app-secret-arn") String appSecretArn,
                            @ConfigProperty(name = "shopkhaos.public-base-url") Optional<String> publicBaseUrl) {
        RotatingSecret<String> appSecret = new RotatingSecret<>("the app secret",
                () -> AppSecretSource.read(secrets, appSecretArn), settings.ttl(), clock);
        appSecret.current(); // a missing or empty secret stops the start-up, as before
        return new AppIdentity(appName, appSecret, publicBaseUrl);
    }

    @Produces
    @Singleton
    ShopSecretIssuer shopSecretIssuer(@ConfigProperty(name = "shopkhaos.fixed-shop-id") Optional<String> fixedShopId,
                                      @ConfigProperty(name = "shopkhaos.fixed-shop-secret") Optional<String> fixedSecret) {
        return new ShopSecretIssuer(fixedShopId, fixedSecret);
    }

    @Produces
    @Singleton
    AppRegistrationService appRegistration(AppIdentity app, ShopRegistry registry, AppMessageCodec codec,
                                           ShopSecretIssuer issuer, Clock clock) {
        return new AppRegistrationService(app, registry, codec, issuer, clock);
    }
}
