package com.shopkhaos.infra.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** Carries a request's headers into the adapters, and their JSON answers out, for the functions and the sandbox alike. */
public final class JaxRsExchange {
    private JaxRsExchange() {
    }

    public static RequestHeaders headers(HttpHeaders headers) {
        Map<String, String> values = new HashMap<>();
        headers.getRequestHeaders().forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return RequestHeaders.of(values);
    }

    /** {@code value} as a JSON answer with this status. */
    public static Response json(int status, Object value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(com.shopkhaos.infra.json.InfraJson.write(value)).build();
    }

    /** {@code {"error": message}} with this status. */
    public static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }
}
