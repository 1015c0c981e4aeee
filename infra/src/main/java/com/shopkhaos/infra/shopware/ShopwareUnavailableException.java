package com.shopkhaos.infra.shopware;

/** The shop could not be reached or answered 5xx/429: transient, so the caller's retry (SQS redelivery) applies. */
public class ShopwareUnavailableException extends RuntimeException {
    public ShopwareUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
