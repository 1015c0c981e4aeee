package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.secrets.OpsApiKeySource;
import com.shopkhaos.model.ops.OpsApiKey;
import com.shopkhaos.model.ops.OpsApiService;
import com.shopkhaos.model.ordersync.OrderRetryService;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the ops API from the adapters and configuration. */
@Singleton
public class OpsWiring {

    @Produces
    @Singleton
    OpsApiKey opsApiKey(SecretsManagerClient secrets, @ConfigProperty(name = "shopkhaos.ops-api-key-secret-arn") String arn) {
        return OpsApiKeySource.read(secrets, arn);
    }

    @Produces
    @Singleton
    OpsApiService opsApi(OpsApiKey key, OrderRetryService retries) {
        return new OpsApiService(key, retries);
    }
}
