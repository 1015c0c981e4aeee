package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.app.ShopRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Shopware's Admin API for one shop, with the credentials the shop handed over at registration.
 * The token is cached until shortly before its {@code expires_in} and fetched again once on a 401;
 * credentials the shop refuses are read afresh from the registry once (the shop may have registered again,
 * handing over new ones; the registry reads at most once a minute per shop) and otherwise never retried.
 * Always asks for plain JSON ({@code Accept: application/json}).
 */
public class ShopwareAdminClient {
    /** Renew this long before the token's stated expiry. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The associations an order needs for translation (the checkout's webhook payload may lack some). */
    public static final List<String> ORDER_ASSOCIATIONS = List.of("lineItems", "deliveries.shippingMethod",
            "deliveries.shippingOrderAddress.country", "deliveries.stateMachineState", "deliveries.positions",
            "addresses.country", "billingAddress.country", "orderCustomer", "transactions.paymentMethod",
            "transactions.stateMachineState", "currency", "stateMachineState");

    private record Token(String value, Instant renewAt) {
    }

    private final HttpClient http;
    private volatile ShopRegistration shop;
    private final Supplier<Optional<ShopRegistration>> afresh;
    private final Clock clock;
    private volatile Token token;

    public ShopwareAdminClient(HttpClient http, ShopRegistration shop, Clock clock) {
        this(http, shop, Optional::empty, clock);
    }

    /** @param afresh the shop's registration read again from the store, asked when the shop refuses our credentials */
    public ShopwareAdminClient(HttpClient http, ShopRegistration shop, Supplier<Optional<ShopRegistration>> afresh, Clock clock) {
        this.http = http;
        this.shop = shop;
        this.afresh = afresh;
        this.clock = clock;
    }

    /** Whether this client holds these credentials (a shop re-registering hands over new ones). */
    public boolean isFor(ShopRegistration registration) {
        return sameCredentials(shop, registration);
    }

    private static boolean sameCredentials(ShopRegistration a, ShopRegistration b) {
        return a.shopUrl().equals(b.shopUrl()) && a.apiKey().equals(b.apiKey()) && a.secretKey().equals(b.secretKey());
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The order with every association translation needs, or empty when the shop has no such order. */
    public Optional<JsonNode> order(String orderId) {
        JsonNode answer = post("/api/search/order", orderCriteria(orderId));
        JsonNode first = answer.path("data").path(0);
        return first.isMissingNode() ? Optional.empty() : Optional.of(first);
    }

    /** Criteria for one order by id with {@link #ORDER_ASSOCIATIONS}. */
    public static ObjectNode orderCriteria(String orderId) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode();
        criteria.putArray("ids").add(orderId);
        withOrderAssociations(criteria);
        criteria.put("limit", 1);
        return criteria;
    }

    /** Adds {@link #ORDER_ASSOCIATIONS} to a criteria for orders. */
    public static ObjectNode withOrderAssociations(ObjectNode criteria) {
        ObjectNode associations = criteria.putObject("associations");
        for (String path : ORDER_ASSOCIATIONS) {
            ObjectNode at = associations;
            for (String name : path.split("\\.")) {
                ObjectNode next = at.has(name) ? (ObjectNode) at.get(name) : at.putObject(name);
                at = next.has("associations") ? (ObjectNode) next.get("associations") : next.putObject("associations");
            }
        }
        return criteria;
    }

    /**
     * A search whose variants must read as the shop shows them: with {@code sw-inheritance: 1}, a variant's fields it
     * inherits ({@code isCloseout}, tax, price, active …) come filled from its parent; without it Shopware answers them
     * null (src/Core/Framework/Routing/ApiRequestContextResolver.php). Asked once more after a failure that may pass.
     */
    public JsonNode searchInherited(String path, JsonNode body) {
        return ShopwareRetries.onceMore(() -> send("POST", path, body, Map.of("sw-inheritance", "1")), JsonNode.class);
    }

    /** Products by SKU with the fields stock sync needs (at most 500, Shopware's page limit), variants as the shop shows them. */
    public JsonNode productsBySku(List<String> skus) {
        if (skus.size() > 500) {
            throw new IllegalArgumentException("at most 500 SKUs per search");
        }
        ObjectNode criteria = InfraJson.mapper().createObjectNode();
        ObjectNode filter = criteria.putArray("filter").addObject().put("type", "equalsAny").put("field", "productNumber");
        ArrayNode values = filter.putArray("value");
        skus.forEach(values::add);
        ArrayNode include = criteria.putObject("includes").putArray("product");
        List.of("id", "productNumber", "stock", "parentId", "isCloseout", "active").forEach(include::add);
        criteria.put("limit", 500);
        return searchInherited("/api/search/product", criteria).path("data");
    }

    /** A search ({@code /api/search/…}: it changes nothing) is asked once more after a failure that may pass; other POSTs are not. */
    public JsonNode post(String path, JsonNode body) {
        return path.startsWith("/api/search/") ? postRepeatable(path, body) : send("POST", path, body);
    }

    /**
     * A POST the caller knows is safe to repeat (a state transition: one that landed the first time is refused the
     * second), asked once more after a failure that may pass.
     */
    public JsonNode postRepeatable(String path, JsonNode body) {
        return ShopwareRetries.onceMore(() -> send("POST", path, body), JsonNode.class);
    }

    /** Never repeated here: a PATCH may add to what the first one wrote. See {@link #patchRepeatable}. */
    public JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    /** A PATCH that sets whole values (so a repeat writes the same), asked once more after a failure that may pass. */
    public JsonNode patchRepeatable(String path, JsonNode body) {
        return ShopwareRetries.onceMore(() -> send("PATCH", path, body), JsonNode.class);
    }

    /** A read, asked once more after a failure that may pass. */
    public JsonNode get(String path) {
        return ShopwareRetries.onceMore(() -> send("GET", path, null), JsonNode.class);
    }

    /**
     * {@code POST /api/_action/sync}, with {@code indexing-behavior: use-queue-indexing} (so {@code available} stays
     * right) and {@code sw-skip-trigger-flow: 1}. One transaction: a refused request wrote nothing.
     */
    public JsonNode sync(JsonNode operations) {
        return send("POST", "/api/_action/sync", operations, Map.of("indexing-behavior", "use-queue-indexing",
                "sw-skip-trigger-flow", "1"));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return send(method, path, body, Map.of());
    }

    private JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            String bearer = currentToken();
            HttpResponse<String> response = exchange(method, path, body, bearer, headers);
            if (response.statusCode() == 401 && attempt == 1) {
                token = null;
                continue;
            }
            return read(method + " " + path, response);
        }
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body, String bearer, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ShopwareUnavailableException(method + " " + path + " timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ShopwareUnavailableException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopwareUnavailableException("interrupted", e);
        }
    }

    private JsonNode read(String request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new ShopwareUnavailableException(request + " answered " + status + ": "
                    + ShopwareApiException.abbreviate(response.body()), null);
        }
        if (status / 100 != 2) {
            throw new ShopwareApiException(request, status, response.body());
        }
        if (response.body() == null || response.body().isEmpty()) {
            return InfraJson.mapper().createObjectNode();
        }
        try {
            return InfraJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new ShopwareApiException(request, status, "not JSON: " + response.body());
        }
    }

    private String currentToken() {
        Token current = token;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            current = token;
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.value();
            }
            ObjectNode grant = InfraJson.mapper().createObjectNode().put("grant_type", "client_credentials")
                    .put("client_id", shop.apiKey()).put("client_secret", shop.secretKey());
            HttpResponse<String> response = exchange("POST", "/api/oauth/token", grant, null, Map.of());
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                ShopRegistration refused = shop;
                Optional<ShopRegistration> renewed = afresh.get().filter(ShopRegistration::isConfirmed)
                        .filter(r -> !sameCredentials(refused, r));
                if (renewed.isEmpty()) {
                    throw new ShopwareCredentialsRejectedException(refused.shopUrl(), response.statusCode());
                }
                shop = renewed.get();
                grant = InfraJson.mapper().createObjectNode().put("grant_type", "client_credentials")
                        .put("client_id", shop.apiKey()).put("client_secret", shop.secretKey());
                response = exchange("POST", "/api/oauth/token", grant, null, Map.of());
                if (response.statusCode() == 400 || response.statusCode() == 401) {
                    throw new ShopwareCredentialsRejectedException(shop.shopUrl(), response.statusCode());
                }
            }
            JsonNode answer = read("POST /api/oauth/token", response);
            long expiresIn = answer.path("expires_in").asLong(600);
            Instant renewAt = clock.instant().plusSeconds(expiresIn).minus(EXPIRY_MARGIN);
            token = new Token(answer.path("access_token").asText(), renewAt);
            return token.value();
        }
    }

    private String base() {
        String url = shop.shopUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
