package com.shopkhaos.model.web;

import java.nio.charset.StandardCharsets;

/** What an HTTP-facing flow answers, independent of the HTTP framework that carries it. */
public record EndpointAnswer(int status, String contentType, byte[] body) {

    public static final String JSON = "application/json";

    public static EndpointAnswer json(int status, String json) {
        return new EndpointAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public static EndpointAnswer empty(int status) {
        return new EndpointAnswer(status, null, new byte[0]);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
