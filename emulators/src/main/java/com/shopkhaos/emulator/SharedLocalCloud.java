package com.shopkhaos.emulator;

import java.util.Map;

/**
 * One local cloud per test JVM, built from the repository's {@code template.yaml} and stopped when
 * the JVM exits. Tests keep apart by using their own keys (order ids, event ids).
 */
public final class SharedLocalCloud {
    public static final String APP_SECRET = "test-app-secret-0123456789";
    private static LocalCloud cloud;

    private SharedLocalCloud() {
    }

    public static synchronized LocalCloud get() {
        if (cloud == null) {
            cloud = LocalCloud.startFromRepository(Map.of("ShopwareAppSecret", APP_SECRET));
            LocalCloud started = cloud;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-cloud-shutdown"));
        }
        return cloud;
    }
}
