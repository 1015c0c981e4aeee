package com.shopkhaos.infra.secrets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Secrets Manager client (plain AWS SDK: there is no Quarkus extension for it at our versions).
 * In Lambda, region and credentials come from the default AWS providers; locally, the
 * {@code shopkhaos.aws.secretsmanager.*} settings point it at the emulator.
 */
@Singleton
public class SecretsManagerClients {

    @Produces
    @Singleton
    SecretsManagerClient secretsManager(
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.endpoint-override") Optional<URI> endpoint,
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.region") Optional<String> region,
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.access-key-id") Optional<String> accessKeyId,
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.secret-access-key") Optional<String> secretAccessKey) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        region.map(Region::of).ifPresent(builder::region);
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get())));
        }
        return builder.build();
    }
}
