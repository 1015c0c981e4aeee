package com.shopkhaos.model.web;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP request headers, looked up without regard to case (HTTP/2 and API Gateway lower-case them). */
public final class RequestHeaders {
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private RequestHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                values.put(name, value);
            }
        });
    }

    public static RequestHeaders of(Map<String, String> headers) {
        return new RequestHeaders(headers);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
