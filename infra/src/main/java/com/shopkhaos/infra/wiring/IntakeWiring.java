package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.secrets.AppSecretSource;
import com.shopkhaos.infra.config.PublicUrlSettings;
import com.shopkhaos.infra.config.SecretSettings;
import com.shopkhaos.infra.config.ShopAppSettings;
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
import com.shopkhaos.model.ledger.OrderLedger;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
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
    WebhookIntakeService webhookIntake(WebhookReader reader, ShopRegistry shops,
                                       OrderLedger ledger, ExceptionLedger exceptions, OrderEventPublisher publisher,
                                       Clock clock) {
        return new WebhookIntakeService(reader, shops, ledger, exceptions, publisher, clock);
    }

    @Produces
    @Singleton
    AppIdentity appIdentity(SecretsManagerClient secrets, SecretSettings settings, Clock clock, ShopAppSettings app,
                            PublicUrlSettings publicUrl) {
        String appSecretArn = app.secretArn();
        RotatingSecret<String> appSecret = new RotatingSecret<>("the app secret",
                () -> AppSecretSource.read(secrets, appSecretArn), settings.ttl(), clock);
        appSecret.current(); // a missing or empty secret stops the start-up, as before
        return new AppIdentity(app.name(), appSecret, publicUrl.publicBaseUrl());
    }

    @Produces
    @Singleton
    ShopSecretIssuer shopSecretIssuer(ShopAppSettings app) {
        return new ShopSecretIssuer(app.fixedShopId(), app.fixedShopSecret());
    }

    @Produces
    @Singleton
    AppRegistrationService appRegistration(AppIdentity app, ShopRegistry registry, AppMessageCodec codec,
                                           ShopSecretIssuer issuer, Clock clock) {
        return new AppRegistrationService(app, registry, codec, issuer, clock);
    }
}
