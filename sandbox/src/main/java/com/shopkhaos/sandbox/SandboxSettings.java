package com.shopkhaos.sandbox;

/**
 * The sandbox's environment, read before anything starts (the README's configuration reference lists
 * every variable and its default).
 */
public record SandboxSettings(int port, String host, String appSecret, String shopId, String shopSecret) {
    public static final String DEFAULT_APP_SECRET = "sandbox-app-secret-not-for-production-0123456789";

    public static SandboxSettings fromEnvironment() {
        return new SandboxSettings(
                Integer.parseInt(env("SANDBOX_PORT", "8080")),
                env("SANDBOX_HOST", "127.0.0.1"),
                env("SHOPWARE_APP_SECRET", DEFAULT_APP_SECRET),
                env("SHOPWARE_SHOP_ID", "sandboxShop00001"),
                env("SHOPWARE_SHOP_SECRET", "sandbox-shop-secret-anyone-can-sign-test-webhooks-with-this-0123456789"));
    }

    /** The address this machine's own clients (the simulator's webhooks) use to reach the sandbox. */
    public String localBaseUrl() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port;
    }

    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
