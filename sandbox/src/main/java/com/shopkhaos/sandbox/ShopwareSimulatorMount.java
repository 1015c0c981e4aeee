package com.shopkhaos.sandbox;

import com.shopkhaos.infra.config.ShopAppSettings;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.shopware.ShopwareSimulator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Serves the Shopware simulator under {@code /shopware-sim} on the sandbox's own port. */
@Singleton
public class ShopwareSimulatorMount {
    static final String PREFIX = "/shopware-sim";

    @Produces
    @Singleton
    ShopwareSimulator simulator(SandboxConfig config, ShopAppSettings app) {
        ShopwareSimulator simulator = new ShopwareSimulator(new ShopwareSimulator.Settings(config.seed(), app.shopId(),
                Duration.ofMinutes(10)));
        simulator.shopUrl(SandboxSettings.fromEnvironment().localBaseUrl() + PREFIX);
        config.shopwareFaults().ifPresent(json -> apply(simulator, "/_control/faults", json, "SANDBOX_SHOPWARE_FAULTS"));
        config.shopwareSettings().ifPresent(json -> apply(simulator, "/_control/settings", json, "SHOPWARE_SIM_SETTINGS"));
        return simulator;
    }

    /** At start-up, as the control route would: a value it refuses stops the sandbox with the route's reason. */
    private static void apply(ShopwareSimulator simulator, String route, String json, String setting) {
        if (json.isBlank()) {
            return;
        }
        SimResponse applied = simulator.handle(new SimRequest("PUT", route, null, Map.of(), json.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1"));
        if (applied.status() != 200) {
            throw new IllegalArgumentException(setting + " is not valid: " + applied.bodyText());
        }
    }

    void mount(@Observes Router router, ShopwareSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
