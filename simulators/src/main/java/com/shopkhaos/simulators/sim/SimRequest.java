package com.shopkhaos.simulators.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to the simulator, framework-free so the same simulator serves from the sandbox's
 * router and from a plain JDK server in tests.
 *
 * @param path     the path below the simulator's mount point, e.g. {@code /api/search/product}
 * @param rawQuery the query string as sent, or null
 */
public record SimRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                         String remoteAddress) {

    public SimRequest {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                caseless.put(k, v);
            }
        });
        headers = caseless;
        body = body == null ? new byte[0] : body;
        remoteAddress = remoteAddress == null ? "127.0.0.1" : remoteAddress;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Map<String, String> query() {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    /** The body as JSON ({@code {}} when empty). */
    public JsonNode jsonBody() throws IOException {
        return body.length == 0 ? SimJson.object() : SimJson.read(body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
