package com.shopkhaos.model.app;

public enum RegistrationStatus {
    /** The shop asked to register and got its secret; the confirmation with API credentials has not come yet. */
    PENDING,
    /** The shop confirmed and handed over its Admin API credentials; its webhooks are accepted. */
    CONFIRMED
}
