package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/oauth/token} with the client-credentials grant, and bearer-token checks. Tokens
 * expire after the configured lifetime (Shopware's default: 10 minutes); there is no refresh token
 * for this grant. The token endpoint is rate limited per client address, as Shopware's is.
 */
final class OAuthServer {
    /** An API client (Shopware "integration"): the access key and secret an app gets at registration. */
    record Integration(String label, String accessKey, String secretKey, Set<String> privileges) {
    }

    private record IssuedToken(Integration integration, Instant expiresAt) {
    }

    static final int RATE_LIMIT = 10;
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final Clock clock;
    private final SimIds ids;
    private volatile Duration tokenTtl;
    private final Map<String, Integration> integrations = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    OAuthServer(Clock clock, SimIds ids, Duration tokenTtl) {
        this.clock = clock;
        this.ids = ids;
        this.tokenTtl = tokenTtl;
    }

    void tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
    }

    Duration tokenTtl() {
        return tokenTtl;
    }

    Integration createIntegration(String label, Set<String> privileges) {
        Integration integration = new Integration(label, "SWIA" + ids.alphanumeric(22).toUpperCase(), ids.alphanumeric(48),
                Set.copyOf(privileges));
        integrations.put(integration.accessKey(), integration);
        return integration;
    }

    void removeIntegration(String accessKey) {
        integrations.remove(accessKey);
        tokens.values().removeIf(t -> t.integration().accessKey().equals(accessKey));
    }

    SimResponse token(SimRequest request) {
        Instant now = clock.instant();
        Deque<Instant> recent = attempts.computeIfAbsent(request.remoteAddress(), k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(RATE_WINDOW))) {
                recent.pollFirst();
            }
            if (recent.size() >= RATE_LIMIT) {
                long wait = Duration.between(now, recent.peekFirst().plus(RATE_WINDOW)).toSeconds() + 1;
                return ShopwareErrors.response(429, ShopwareErrors.error(429, "FRAMEWORK__RATE_LIMIT_EXCEEDED",
                        "Too Many Requests", "Too many requests, try again in " + wait + " seconds."));
            }
            recent.addLast(now);
        }
        Map<String, String> form = readGrant(request);
        if (!form.containsKey("grant_type") || form.get("grant_type").isEmpty()) {
            return ShopwareErrors.response(400, ShopwareErrors.error(400, "3",
                    "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
                    "Check the `grant_type` parameter"));
        }
        if (!form.get("grant_type").equals("client_credentials")) {
            return ShopwareErrors.response(400, ShopwareErrors.error(400, "2",
                    "The authorization grant type is not supported by the authorization server.",
                    "Check that all required parameters have been provided"));
        }
        Integration integration = integrations.get(form.getOrDefault("client_id", ""));
        if (integration == null || !integration.secretKey().equals(form.getOrDefault("client_secret", ""))) {
            return ShopwareErrors.response(401, ShopwareErrors.error(401, "4", "Client authentication failed", null));
        }
        synchronized (recent) {
            recent.clear();
        }
        String token = jwtLike(integration, now);
        tokens.put(token, new IssuedToken(integration, now.plus(tokenTtl)));
        return SimResponse.json(200, SimJson.write(SimJson.object().put("token_type", "Bearer")
                .put("expires_in", tokenTtl.toSeconds()).put("access_token", token)));
    }

    /** The integration behind a valid bearer token, or the 401 answer Shopware gives. */
    Optional<Integration> authenticate(SimRequest request, SimResponse[] refusal) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            refusal[0] = ShopwareErrors.accessDenied("Missing \"Authorization\" header");
            return Optional.empty();
        }
        String value = header.get().trim();
        String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : "";
        if (token.isEmpty()) {
            refusal[0] = ShopwareErrors.accessDenied("Missing token in \"Authorization\" header");
            return Optional.empty();
        }
        IssuedToken issued = tokens.get(token);
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())
                || !integrations.containsKey(issued.integration().accessKey())) {
            refusal[0] = ShopwareErrors.accessDenied("Access token could not be verified");
            return Optional.empty();
        }
        return Optional.of(issued.integration());
    }

    private static Map<String, String> readGrant(SimRequest request) {
        Map<String, String> values = new HashMap<>();
        String contentType = request.header("Content-Type").orElse("");
        if (contentType.contains("application/x-www-form-urlencoded")) {
            return new SimRequest("POST", "/", request.bodyText(), Map.of(), null, null).query();
        }
        try {
            JsonNode json = SimJson.read(request.body());
            json.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        } catch (Exception e) {
            // an unreadable body is a missing grant_type
        }
        return values;
    }

    private String jwtLike(Integration integration, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"aud\":\"administration\",\"jti\":\"" + ids.next() + "\",\"iat\":"
                + now.getEpochSecond() + ",\"exp\":" + now.plus(tokenTtl).getEpochSecond() + ",\"sub\":\""
                + integration.accessKey() + "\",\"scopes\":[\"write\"]}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(ids.alphanumeric(43).getBytes(StandardCharsets.UTF_8));
    }
}
