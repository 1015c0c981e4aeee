package com.shopkhaos.model.app;

import com.shopkhaos.model.secrets.RotatingSecret;
import java.util.Objects;
import java.util.Optional;

/**
 * Our app as the shop knows it from {@code shopware-app/manifest.xml}.
 *
 * @param appName       the manifest's {@code <name>}; part of the registration proof
 * @param appSecret     the manifest's {@code <secret>}; signs registration requests (rotatable: read again after a TTL)
 * @param publicBaseUrl our public base URL (the shop confirms there); empty: taken from the registration request
 */
public record AppIdentity(String appName, RotatingSecret<String> appSecret, Optional<String> publicBaseUrl) {
    public AppIdentity {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(appSecret, "appSecret");
        publicBaseUrl = publicBaseUrl == null ? Optional.empty() : publicBaseUrl.filter(s -> !s.isBlank());
    }

    /** With an app secret that never changes. */
    public AppIdentity(String appName, String appSecret, Optional<String> publicBaseUrl) {
        this(appName, RotatingSecret.fixed(Objects.requireNonNull(appSecret, "appSecret")), publicBaseUrl);
    }

    /** Our base URL as the shop must see it: the configured one, else the one the shop's request came to. */
    public String baseUrl(String requestBaseUrl) {
        String base = publicBaseUrl.orElse(requestBaseUrl);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    @Override
    public String toString() {
        return "AppIdentity[appName=" + appName + ", publicBaseUrl=" + publicBaseUrl + ", appSecret=<redacted>]";
    }
}
