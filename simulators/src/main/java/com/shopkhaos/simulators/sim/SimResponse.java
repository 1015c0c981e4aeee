package com.shopkhaos.simulators.sim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer from the simulator. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    public static SimResponse json(int status, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new SimResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public static SimResponse noContent() {
        return new SimResponse(204, new LinkedHashMap<>(), new byte[0]);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
