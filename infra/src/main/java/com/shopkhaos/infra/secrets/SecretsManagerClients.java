package com.shopkhaos.infra.secrets;

import com.shopkhaos.infra.config.SecretsManagerSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Secrets Manager client (plain AWS SDK: there is no Quarkus extension for it at our versions).
 * In Lambda, region and credentials come from the default AWS providers; locally, the
 * {@code shopkhaos.aws.secretsmanager.*} settings ({@link SecretsManagerSettings}) point it at the emulator.
 */
@Singleton
public class SecretsManagerClients {

    @Produces
    @Singleton
    SecretsManagerClient secretsManager(SecretsManagerSettings settings) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        // as quarkus.<service>.interceptors for the Quarkus-made clients: execution interceptors by class name (tests record calls)
        settings.interceptors().ifPresent(names -> builder.overrideConfiguration(o -> names.forEach(name -> o.addExecutionInterceptor(interceptor(name)))));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get())));
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
