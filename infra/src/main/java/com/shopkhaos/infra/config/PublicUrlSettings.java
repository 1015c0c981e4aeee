package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The public base URL the shop and Khaos reach us at ({@code PUBLIC_BASE_URL}): the app's confirmation URL and the Khaos
 * channel's EndpointConfig. Not set or empty: taken from the request.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface PublicUrlSettings {

    Optional<String> publicBaseUrl();
}
