package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long a secret read from Secrets Manager is used before it is read again ({@code SHOPKHAOS_SECRETS_TTL},
 * e.g. {@code 5M}; default 5 minutes). The functions run with SnapStart, so nothing read at start-up may be
 * kept for ever: a rotated KCC password, app secret or shop secret takes effect within this time, or at once
 * when a request fails its check with the value held (one forced read a minute at most, see RotatingSecret).
 */
@ConfigMapping(prefix = "shopkhaos.secrets")
public interface SecretSettings {

    @WithDefault("5M")
    Duration ttl();
}
