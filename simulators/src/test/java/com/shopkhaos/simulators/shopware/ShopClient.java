package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a running simulator, for tests. */
public final class ShopClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ShopClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    public Answer call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : SimJson.MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode control(String method, String path, String body) {
        Answer answer = call(method, "/_control" + path, body);
        if (answer.status() / 100 != 2) {
            throw new AssertionError(method + " /_control" + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    public String token(String clientId, String clientSecret) {
        Answer answer = call("POST", "/api/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId
                + "\",\"client_secret\":\"" + clientSecret + "\"}");
        if (answer.status() != 200) {
            throw new AssertionError("token refused: " + answer.body());
        }
        return answer.json().path("access_token").asText();
    }

    public Answer api(String token, String method, String path, String body, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 4];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        headers[2] = "Accept";
        headers[3] = "application/json";
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return call(method, "/api" + path, body, headers);
    }
}
