package com.shopkhaos.archfixture.model;

/** A core class that answers in HTTP: the rule that keeps HTTP out of shared-model must catch each member. */
public class HttpSpeakingModel {
    public static final String signatureHeader = "shopware-shop-signature";

    public int status() {
        return 401;
    }

    public String writeJson(String message) {
        return "{\"error\":\"" + message + "\"}";
    }
}
