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
        config.shopwareFaults().filter(f -> !f.isBlank()).ifPresent(json -> {
            SimResponse applied = simulator.handle(new SimRequest("PUT", "/_control/faults", null, Map.of(),
                    json.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
            if (applied.status() != 200) {
                throw new IllegalArgumentException("SANDBOX_SHOPWARE_FAULTS is not valid: " + applied.bodyText());
            }
        });
        return simulator;
    }

    void mount(@Observes Router router, ShopwareSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
