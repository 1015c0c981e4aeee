package com.shopkhaos.sandbox.shopware;

import com.shopkhaos.sandbox.sim.SimRequest;
import com.shopkhaos.sandbox.sim.SimResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The simulator on its own loopback port (JDK HTTP server), for tests that need a shop and nothing else. */
public final class ShopwareSimulatorServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shopware-sim-http");
        t.setDaemon(true);
        return t;
    });
    private final ShopwareSimulator simulator;

    private ShopwareSimulatorServer(HttpServer server, ShopwareSimulator simulator) {
        this.server = server;
        this.simulator = simulator;
    }

    public static ShopwareSimulatorServer start(ShopwareSimulator simulator) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ShopwareSimulatorServer running = new ShopwareSimulatorServer(server, simulator);
            server.createContext("/", running::serve);
            server.setExecutor(running.executor);
            server.start();
            simulator.shopUrl("http://127.0.0.1:" + server.getAddress().getPort());
            return running;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Shopware simulator", e);
        }
    }

    public String baseUrl() {
        return simulator.shopUrl();
    }

    public ShopwareSimulator simulator() {
        return simulator;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            SimRequest request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes(),
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            SimResponse response = simulator.handle(request);
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
        simulator.close();
    }
}
