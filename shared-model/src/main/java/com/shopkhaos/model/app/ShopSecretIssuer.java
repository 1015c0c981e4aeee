package com.shopkhaos.model.app;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Chooses the secret we hand a registering shop: random (64 letters and digits), or, for the one
 * shop named in the configuration (the sandbox's), the configured secret so anyone can sign test webhooks.
 */
public final class ShopSecretIssuer {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final Optional<String> fixedShopId;
    private final Optional<String> fixedSecret;

    public ShopSecretIssuer(Optional<String> fixedShopId, Optional<String> fixedSecret) {
        this.fixedShopId = fixedShopId.filter(s -> !s.isBlank());
        this.fixedSecret = fixedSecret.filter(s -> !s.isBlank());
    }

    public static ShopSecretIssuer randomOnly() {
        return new ShopSecretIssuer(Optional.empty(), Optional.empty());
    }

    public String issueFor(String shopId) {
        if (fixedSecret.isPresent() && fixedShopId.map(shopId::equals).orElse(false)) {
            return fixedSecret.get();
        }
        StringBuilder secret = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
