package com.shopkhaos.infra.web;

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

    /** The credentials of {@code Authorization: <scheme> <credentials>} when that is the scheme (compared without case). */
    public Optional<String> authorization(String scheme) {
        return get("Authorization").filter(a -> a.length() > scheme.length() && a.regionMatches(true, 0, scheme + " ", 0,
                scheme.length() + 1)).map(a -> a.substring(scheme.length() + 1).strip()).filter(v -> !v.isEmpty());
    }

    /** A cookie's value from the {@code Cookie} header. */
    public Optional<String> cookie(String name) {
        for (String part : get("Cookie").orElse("").split(";")) {
            String c = part.strip();
            if (c.startsWith(name + "=")) {
                return Optional.of(c.substring(name.length() + 1)).filter(v -> !v.isEmpty());
            }
        }
        return Optional.empty();
    }
}
