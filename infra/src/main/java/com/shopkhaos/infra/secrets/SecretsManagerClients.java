package com.shopkhaos.infra.secrets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Secrets Manager client (plain AWS SDK: there is no Quarkus extension for it at our versions).
 * Region and credentials come from the default AWS providers; the endpoint can point at the local emulator.
 */
@Singleton
public class SecretsManagerClients {

    @Produces
    @Singleton
    SecretsManagerClient secretsManager(
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.endpoint-override") Optional<URI> endpoint) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
