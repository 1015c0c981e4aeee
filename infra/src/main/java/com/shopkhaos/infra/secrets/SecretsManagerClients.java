package com.shopkhaos.infra.secrets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
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
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.secret-access-key") Optional<String> secretAccessKey,
            @ConfigProperty(name = "shopkhaos.aws.secretsmanager.interceptors") Optional<List<String>> interceptors) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        // as quarkus.<service>.interceptors for the Quarkus-made clients: execution interceptors by class name (tests record calls)
        interceptors.ifPresent(names -> builder.overrideConfiguration(o -> names.forEach(name -> o.addExecutionInterceptor(interceptor(name)))));
        endpoint.ifPresent(builder::endpointOverride);
        region.map(Region::of).ifPresent(builder::region);
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get())));
        }
        return builder.build();
    }

    private static ExecutionInterceptor interceptor(String className) {
        try {
            return (ExecutionInterceptor) Class.forName(className, true, Thread.currentThread().getContextClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("shopkhaos.aws.secretsmanager.interceptors: cannot make " + className + ": " + e, e);
        }
    }
}
