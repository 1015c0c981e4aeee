package com.shopkhaos.model.app;

/** The shop's confirmation after registering: who it is and the Admin API credentials it created for us. */
public record RegistrationConfirmation(String shopId, String shopUrl, String apiKey, String secretKey) {
    @Override
    public String toString() {
        return "RegistrationConfirmation[shopId=" + shopId + ", shopUrl=" + shopUrl + ", credentials=<redacted>]";
    }
}
