package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Our Shopware app and the shops that installed it ({@code APP_NAME}, {@code APP_SECRET_ARN}, {@code SHOP_SECRETS_PREFIX};
 * the sandbox's fixed shop, {@code SHOPWARE_SHOP_ID} and {@code SHOPWARE_SHOP_SECRET}). Only some functions register
 * shops, so what they need is required by its accessor, not here.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface ShopAppSettings {

    /** the manifest's {@code <name>} */
    Optional<String> appName();

    /** ARN of the secret holding the manifest's {@code <secret>} */
    Optional<String> appSecretArn();

    /** name prefix of the per-shop secrets */
    Optional<String> shopSecretsPrefix();

    /** the sandbox's shop id, whose secret is {@link #fixedShopSecret()} (not set in AWS) */
    Optional<String> fixedShopId();

    Optional<String> fixedShopSecret();

    default String name() {
        return Setting.of("APP_NAME", "shopkhaos.app-name").required(appName());
    }

    default String secretArn() {
        return Setting.of("APP_SECRET_ARN", "shopkhaos.app-secret-arn").required(appSecretArn());
    }

    default String shopSecrets() {
        return Setting.of("SHOP_SECRETS_PREFIX", "shopkhaos.shop-secrets-prefix").required(shopSecretsPrefix());
    }

    default String shopId() {
        return Setting.of("SHOPWARE_SHOP_ID", "shopkhaos.fixed-shop-id").required(fixedShopId());
    }
}
