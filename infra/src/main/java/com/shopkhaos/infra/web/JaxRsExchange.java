package com.shopkhaos.infra.web;

import com.shopkhaos.infra.json.InfraJson;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** Carries a request's headers into the adapters, and their JSON answers out, for the functions and the sandbox alike. */
public final class JaxRsExchange {
    private JaxRsExchange() {
    }

    public static RequestHeaders headers(HttpHeaders headers) {
        return headers(headers.getRequestHeaders());
    }

    /** The first value of each header (a filter's {@code ContainerRequestContext.getHeaders()} alike). */
    public static RequestHeaders headers(MultivaluedMap<String, String> headers) {
        Map<String, String> values = new HashMap<>();
        headers.forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return RequestHeaders.of(values);
    }

    /** {@code value} as a JSON answer with this status. */
    public static Response json(int status, Object value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(InfraJson.write(value)).build();
    }

    /** {@code {"error": message}} with this status. */
    public static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }
}
