package com.shopkhaos.sandbox;

import com.shopkhaos.model.khaos.ChannelCredentials;
import com.shopkhaos.simulators.khaos.ChannelLogin;
import com.shopkhaos.simulators.khaos.KhaosSimulator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Serves the Khaos Control Cloud simulator's control API under {@code /khaos-sim}, pointed at the sandbox's own channel. */
@Singleton
public class KhaosSimulatorMount {
    static final String PREFIX = "/khaos-sim";

    @Produces
    @Singleton
    KhaosSimulator khaos(SandboxConfig config) {
        SandboxSettings settings = SandboxSettings.fromEnvironment();
        // the simulated KCC is set up with the user name and password our channel expects, as a retailer would type them
        ChannelCredentials channel = settings.khaosChannel();
        KhaosSimulator simulator = new KhaosSimulator(new KhaosSimulator.Settings(config.seed(),
                settings.localBaseUrl() + "/khaos/config.json", new ChannelLogin(channel.user(), channel.password()),
                Duration.ofMillis(Math.round(config.khaos().pollSeconds() * 1000)),
                Duration.ofSeconds(config.khaos().autoDespatchSeconds()), "3"));
        config.khaos().faults().ifPresent(json -> SimulatorRoutes.applyAtStart(simulator::handle, "/_control/faults", json, "KHAOS_SIM_FAULTS"));
        config.khaos().settings().ifPresent(json -> SimulatorRoutes.applyAtStart(simulator::handle, "/_control/settings", json, "KHAOS_SIM_SETTINGS"));
        return simulator;
    }

    void mount(@Observes Router router, KhaosSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
