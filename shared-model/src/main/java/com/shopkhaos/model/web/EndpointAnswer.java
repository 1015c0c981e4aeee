package com.shopkhaos.model.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an HTTP-facing flow answers, independent of the HTTP framework that carries it. */
public record EndpointAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public EndpointAnswer {
        headers = Map.copyOf(headers);
    }

    public EndpointAnswer(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    public static EndpointAnswer json(int status, String json) {
        return new EndpointAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public static EndpointAnswer empty(int status) {
        return new EndpointAnswer(status, null, new byte[0]);
    }

    /** This answer with one more response header. */
    public EndpointAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new EndpointAnswer(status, contentType, body, more);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
