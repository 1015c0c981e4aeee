package com.shopkhaos.infra.shopware;

/** The shop's Admin API answered with an error we do not retry (a 4xx other than an expired token). */
public class ShopwareApiException extends RuntimeException {
    private final int status;
    private final String body;

    public ShopwareApiException(String request, int status, String body) {
        super(request + " answered " + status + ": " + abbreviate(body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
