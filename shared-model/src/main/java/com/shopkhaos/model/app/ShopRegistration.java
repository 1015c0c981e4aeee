package com.shopkhaos.model.app;

import java.time.Instant;
import java.util.Objects;

/**
 * A shop that installed our app. Holds secrets: kept in Secrets Manager, never logged
 * ({@link #toString()} redacts them).
 *
 * @param shopSecret the secret we issued at registration; verifies the shop's webhooks
 * @param apiKey     Admin API client id handed over at confirmation
 * @param secretKey  Admin API client secret handed over at confirmation
 */
public record ShopRegistration(
        String shopId,
        String shopUrl,
        String shopSecret,
        String apiKey,
        String secretKey,
        RegistrationStatus status,
        Instant registeredAt,
        Instant confirmedAt) {

    public ShopRegistration {
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(shopUrl, "shopUrl");
        Objects.requireNonNull(shopSecret, "shopSecret");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registeredAt, "registeredAt");
        apiKey = apiKey == null ? "" : apiKey;
        secretKey = secretKey == null ? "" : secretKey;
    }

    public static ShopRegistration pending(String shopId, String shopUrl, String shopSecret, Instant at) {
        return new ShopRegistration(shopId, shopUrl, shopSecret, null, null, RegistrationStatus.PENDING, at, null);
    }

    public ShopRegistration confirmed(String confirmedShopUrl, String apiKey, String secretKey, Instant at) {
        return new ShopRegistration(shopId, confirmedShopUrl, shopSecret, apiKey, secretKey,
                RegistrationStatus.CONFIRMED, registeredAt, at);
    }

    public boolean isConfirmed() {
        return status == RegistrationStatus.CONFIRMED;
    }

    @Override
    public String toString() {
        return "ShopRegistration[shopId=" + shopId + ", shopUrl=" + shopUrl + ", status=" + status
                + ", secrets=<redacted>]";
    }
}
