package com.shopkhaos.infra.web;

import com.shopkhaos.model.web.EndpointAnswer;
import com.shopkhaos.model.web.RequestHeaders;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** Carries a flow's plain request and answer across JAX-RS, for the functions and the sandbox alike. */
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

    public static Response response(EndpointAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.body().length > 0) {
            response.entity(answer.body()).type(answer.contentType());
        }
        return response.build();
    }
}
