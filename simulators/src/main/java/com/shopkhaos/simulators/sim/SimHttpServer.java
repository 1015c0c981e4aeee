package com.shopkhaos.simulators.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A simulator on its own loopback port (JDK HTTP server), for tests that need one system and nothing else. */
public final class SimHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private SimHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static SimHttpServer start(String name, Function<SimRequest, SimResponse> handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, name + "-http");
                t.setDaemon(true);
                return t;
            });
            server.createContext("/", exchange -> serve(exchange, handler));
            server.setExecutor(executor);
            server.start();
            return new SimHttpServer(server, executor);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, Function<SimRequest, SimResponse> handler) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            SimRequest request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes(),
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            SimResponse response = handler.apply(request);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
