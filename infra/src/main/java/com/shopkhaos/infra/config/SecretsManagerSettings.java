package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The Secrets Manager client. In Lambda, region and credentials come from the default AWS providers and none of these
 * is set; locally they point it at the emulator, and tests name execution interceptors that record its calls (as
 * {@code quarkus.<service>.interceptors} does for the Quarkus-made clients).
 */
@ConfigMapping(prefix = "shopkhaos.aws.secretsmanager")
public interface SecretsManagerSettings {

    Optional<URI> endpointOverride();

    Optional<String> region();

    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** execution interceptors by class name */
    Optional<List<String>> interceptors();
}
