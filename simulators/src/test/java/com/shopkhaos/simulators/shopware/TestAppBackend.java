package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A minimal app backend written from Shopware's app documentation, for testing the simulator's side
 * of the handshake and webhooks: it checks what the shop sends and records it.
 */
public final class TestAppBackend implements AutoCloseable {
    static final String APP_NAME = "TestApp";
    static final String APP_SECRET = "test-app-secret";

    /** One request the shop made to us, with what we checked. */
    record Received(String path, String rawQuery, Map<String, String> headers, String body, boolean signatureValid) {
        JsonNode json() {
            try {
                return SimJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body);
            }
        }
    }

    private final HttpServer server;
    final List<Received> registrations = Collections.synchronizedList(new ArrayList<>());
    final List<Received> confirmations = Collections.synchronizedList(new ArrayList<>());
    final List<Received> webhooks = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> shopSecrets = new ConcurrentHashMap<>();
    public volatile String confirmedApiKey;
    public volatile String confirmedSecretKey;
    volatile boolean sendWrongProof;
    /** What the webhook endpoint answers; default 200. */
    volatile IntSupplier webhookStatus = () -> 200;
    final AtomicInteger webhookCalls = new AtomicInteger();

    TestAppBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/register", this::register);
        server.createContext("/confirm", this::confirm);
        server.createContext("/hook", this::hook);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String manifest(String... webhookEvents) {
        StringBuilder hooks = new StringBuilder();
        for (int i = 0; i < webhookEvents.length; i++) {
            hooks.append("<webhook name=\"hook").append(i).append("\" url=\"").append(baseUrl()).append("/hook\" event=\"")
                    .append(webhookEvents[i]).append("\"/>");
        }
        return "<?xml version=\"1.0\"?><manifest><meta><name>" + APP_NAME + "</name><label>Test</label><author>t</author>"
                + "<copyright>t</copyright><version>2.3.4</version><license>MIT</license></meta><setup><registrationUrl>"
                + baseUrl() + "/register</registrationUrl><secret>" + APP_SECRET + "</secret></setup><permissions>"
                + "<read>order</read><read>order_line_item</read><read>order_delivery</read><read>order_transaction</read>"
                + "<read>product</read><update>product</update><update>order_delivery</update><update>order</update>"
                + "<update>order_transaction</update><read>order_customer</read><read>order_address</read>"
                + "<read>state_machine_state</read><read>shipping_method</read><read>payment_method</read><read>currency</read>"
                + "<read>country</read><read>order_delivery_position</read><read>tax</read>"
                + "<read>order_return</read><read>order_return_line_item</read><read>order_return_line_item_reason</read>"
                + "<read>product_visibility</read><read>sales_channel</read><read>promotion</read><read>promotion_discount</read>"
                + "</permissions><webhooks>" + hooks + "</webhooks></manifest>";
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        return headers;
    }

    private void register(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = headers(exchange);
        boolean valid = ShopwareSignature.matches(APP_SECRET, query.getBytes(StandardCharsets.UTF_8),
                headers.get("shopware-app-signature"));
        registrations.add(new Received("/register", query, headers, "", valid));
        Map<String, String> q = new SimRequest("GET", "/", query, Map.of(), null, null).query();
        String shopSecret = "shop-secret-" + q.get("shop-id") + "-" + "x".repeat(40);
        shopSecrets.put(q.get("shop-id"), shopSecret);
        String proof = ShopwareSignature.sign(APP_SECRET, q.get("shop-id") + q.get("shop-url") + APP_NAME);
        if (sendWrongProof) {
            proof = ShopwareSignature.sign("wrong", proof);
        }
        respond(exchange, 200, "{\"proof\":\"" + proof + "\",\"secret\":\"" + shopSecret + "\",\"confirmation_url\":\""
                + baseUrl() + "/confirm\"}");
    }

    private void confirm(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = headers(exchange);
        JsonNode json = SimJson.MAPPER.readTree(body);
        String secret = shopSecrets.getOrDefault(json.path("shopId").asText(), "");
        boolean valid = ShopwareSignature.matches(secret, body.getBytes(StandardCharsets.UTF_8), headers.get("shopware-shop-signature"));
        confirmations.add(new Received("/confirm", null, headers, body, valid));
        confirmedApiKey = json.path("apiKey").asText();
        confirmedSecretKey = json.path("secretKey").asText();
        respond(exchange, 204, "");
    }

    private void hook(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = headers(exchange);
        String shopId = SimJson.MAPPER.readTree(body).path("source").path("shopId").asText();
        boolean valid = ShopwareSignature.matches(shopSecrets.getOrDefault(shopId, ""), body.getBytes(StandardCharsets.UTF_8),
                headers.get("shopware-shop-signature"));
        webhooks.add(new Received("/hook", null, headers, body, valid));
        webhookCalls.incrementAndGet();
        respond(exchange, webhookStatus.getAsInt(), "");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
