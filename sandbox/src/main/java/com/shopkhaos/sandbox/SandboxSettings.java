package com.shopkhaos.sandbox;

import com.shopkhaos.model.khaos.ChannelCredentials;

/**
 * The sandbox's environment, read before anything starts (the README's configuration reference lists
 * every variable and its default).
 */
public record SandboxSettings(int port, String host, String appSecret, String shopId, String shopSecret,
                              ChannelCredentials khaosChannel) {
    public static final String DEFAULT_APP_SECRET = "sandbox-app-secret-not-for-production-0123456789";

    public static SandboxSettings fromEnvironment() {
        return new SandboxSettings(
                Integer.parseInt(env("SANDBOX_PORT", "8080")),
                env("SANDBOX_HOST", "127.0.0.1"),
                env("SHOPWARE_APP_SECRET", DEFAULT_APP_SECRET),
                env("SHOPWARE_SHOP_ID", "sandboxShop00001"),
                env("SHOPWARE_SHOP_SECRET", "sandbox-shop-secret-anyone-can-sign-test-webhooks-with-this-0123456789"),
                new ChannelCredentials(env("KHAOS_CHANNEL_USER", "khaos"), env("KHAOS_CHANNEL_PASSWORD", "sandbox-channel-password")));
    }

    /** The address this machine's own clients (the simulators) use to reach the sandbox. */
    public String localBaseUrl() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port;
    }

    /** The Khaos channel secret as Secrets Manager holds it in AWS. */
    public String khaosChannelSecretJson() {
        return "{\"user\":\"" + khaosChannel.user().replace("\"", "") + "\",\"password\":\""
                + khaosChannel.password().replace("\"", "") + "\"}";
    }

    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
