package com.shopkhaos.sandbox;

import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Carries a request from the sandbox's router to a framework-free simulator and its answer back. */
final class SimulatorRoutes {
    private SimulatorRoutes() {
    }

    static void serve(RoutingContext context, String prefix, Function<SimRequest, SimResponse> simulator) {
        Map<String, String> headers = new HashMap<>();
        context.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        Buffer body = context.body().buffer();
        String path = context.request().path().substring(prefix.length());
        SimResponse response = simulator.apply(new SimRequest(context.request().method().name(), path,
                context.request().query(), headers, body == null ? new byte[0] : body.getBytes(),
                context.request().remoteAddress() == null ? null : context.request().remoteAddress().host()));
        response.headers().forEach((k, v) -> context.response().putHeader(k, v));
        context.response().setStatusCode(response.status());
        if (response.body().length == 0) {
            context.response().end();
        } else {
            context.response().end(Buffer.buffer(response.body()));
        }
    }

    /**
     * At start-up, as the control route would: a value the simulator refuses stops the sandbox with the route's reason,
     * naming the environment variable it came from.
     */
    static void applyAtStart(Function<SimRequest, SimResponse> simulator, String route, String json, String setting) {
        if (json.isBlank()) {
            return;
        }
        SimResponse applied = simulator.apply(new SimRequest("PUT", route, null, Map.of(),
                json.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        if (applied.status() != 200) {
            throw new IllegalArgumentException(setting + " is not valid: " + applied.bodyText());
        }
    }
}
