package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.simulators.sim.SimHttpServer;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** The KCC simulator on its own port, pointed at a {@link TestChannel}, driven through its control API over HTTP. */
public final class SimulatedKhaos implements AutoCloseable {
    public final TestChannel channel = new TestChannel();
    final KhaosSimulator simulator = new KhaosSimulator(new KhaosSimulator.Settings(11L, channel.url("/config.json"),
            TestChannel.CREDENTIALS, Duration.ZERO, Duration.ZERO, "3"));
    final SimHttpServer server = SimHttpServer.start("khaos-sim", simulator::handle);
    private final HttpClient http = HttpClient.newHttpClient();

    public SimulatedKhaos() {
        control("PUT", "/settings", "{\"retryDelayScale\":0.01}");
    }

    /** Connects and waits until the catalogue and stock levels have been pushed. */
    public SimulatedKhaos connected() {
        JsonNode connection = control("POST", "/connect", null);
        if (!connection.path("connected").asBoolean()) {
            throw new AssertionError("not connected: " + connection);
        }
        awaitIdle();
        return this;
    }

    record Answer(int status, JsonNode json) {
    }

    Answer call(String method, String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_control" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), SimJson.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode control(String method, String path, String body) {
        Answer answer = call(method, path, body);
        if (answer.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.json());
        }
        return answer.json();
    }

    /** The status of a control call, for calls that are meant to be refused. */
    public int controlStatus(String method, String path, String body) {
        return call(method, path, body).status();
    }

    public JsonNode poll() {
        return control("POST", "/poll", null);
    }

    void awaitIdle() {
        await(() -> control("GET", "/pushes", null).path("idle").asBoolean(), "pushes delivered");
    }

    static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    int available(String code, int site) {
        for (JsonNode s : control("GET", "/stock/" + code, null).path("sites")) {
            if (s.path("site").asInt() == site) {
                return s.path("available").asInt();
            }
        }
        throw new AssertionError("no site " + site);
    }

    @Override
    public void close() {
        server.close();
        simulator.close();
        channel.close();
    }
}
