package com.shopkhaos.sandbox;

import com.shopkhaos.model.khaos.ChannelCredentials;
import java.util.Map;

/**
 * The sandbox's environment, read before anything starts (the README's configuration reference lists
 * every variable and its default).
 */
public record SandboxSettings(int port, String host, String appSecret, String shopId, String shopSecret,
                              ChannelCredentials khaosChannel, String opsApiKey, boolean dynamoDbCapacity) {
    public static final String DEFAULT_OPS_API_KEY = "sandbox-ops-key-not-for-production";

    /**
     * Where the sandbox differs from the template's defaults, so the simulated shop and Khaos fit together out
     * of the box: the simulated shop's delivery and payment methods mapped, a short sweep grace and
     * confirmation time. Each can be overridden by setting the variable.
     */
    public static final Map<String, String> SANDBOX_DEFAULTS = Map.of(
            "KHAOS_COURIERS", "royal_mail_tracked_48=RM48,royal_mail_tracked_24=RM24,dpd_next_day=DPDND,click_and_collect=COLLECT",
            "KHAOS_CARD_TYPES", "payment_card=Card,payment_paypal=PayPal",
            "ORDER_SWEEP_GRACE", "20s",
            "KHAOS_CONFIRMATION_AFTER", "10m",
            "WRITEBACK_RETRY_AFTER", "1s",
            "OPS_AUTH", "key",
            "OPS_BEHIND_AUTHORIZER", "false",
            // returns into Khaos need the customer's account: the sandbox's orders name it by the shop's customer number
            "KHAOS_CUSTOMER_URN", "shop-customer-number");
    public static final String DEFAULT_APP_SECRET = "sandbox-app-secret-not-for-production-0123456789";

    public static SandboxSettings fromEnvironment() {
        return new SandboxSettings(
                Integer.parseInt(env("SANDBOX_PORT", "8080")),
                env("SANDBOX_HOST", "127.0.0.1"),
                env("SHOPWARE_APP_SECRET", DEFAULT_APP_SECRET),
                env("SHOPWARE_SHOP_ID", "sandboxShop00001"),
                env("SHOPWARE_SHOP_SECRET", "sandbox-shop-secret-anyone-can-sign-test-webhooks-with-this-0123456789"),
                new ChannelCredentials(env("KHAOS_CHANNEL_USER", "khaos"), env("KHAOS_CHANNEL_PASSWORD", "sandbox-channel-password")),
                env("OPS_API_KEY", DEFAULT_OPS_API_KEY),
                flag("SANDBOX_DYNAMODB_CAPACITY", true));
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

    /** The value a flow sees: the person's own setting if given, else the sandbox default, else the template's. */
    public static String flowSetting(String name, String templateValue) {
        String own = System.getenv(name);
        if (own != null) {
            return own;
        }
        return SANDBOX_DEFAULTS.getOrDefault(name, templateValue);
    }

    private static boolean flag(String name, boolean fallback) {
        String value = env(name, Boolean.toString(fallback)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
