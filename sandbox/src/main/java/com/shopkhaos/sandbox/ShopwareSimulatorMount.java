package com.shopkhaos.sandbox;

import com.shopkhaos.infra.config.ShopAppSettings;
import com.shopkhaos.simulators.shopware.ShopwareSimulator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

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
        config.shopwareFaults().ifPresent(json -> SimulatorRoutes.applyAtStart(simulator::handle, "/_control/faults", json, "SANDBOX_SHOPWARE_FAULTS"));
        config.shopwareSettings().ifPresent(json -> SimulatorRoutes.applyAtStart(simulator::handle, "/_control/settings", json, "SHOPWARE_SIM_SETTINGS"));
        return simulator;
    }

    void mount(@Observes Router router, ShopwareSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
