package com.shopkhaos.infra.shopware;

/**
 * The shop refused our Admin API credentials. Never retried in a loop (the token endpoint is rate
 * limited): the app must be reinstalled or its integration fixed.
 */
public class ShopwareCredentialsRejectedException extends RuntimeException {
    public ShopwareCredentialsRejectedException(String shopUrl, int status) {
        super("the shop at " + shopUrl + " refused our API credentials (HTTP " + status + ")");
    }
}
