package com.shopkhaos.sandbox;

import com.shopkhaos.model.khaos.ChannelCredentials;
import com.shopkhaos.simulators.khaos.ChannelLogin;
import com.shopkhaos.simulators.khaos.KhaosSimulator;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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
        config.khaos().faults().ifPresent(json -> apply(simulator, "/_control/faults", json, "KHAOS_SIM_FAULTS"));
        config.khaos().settings().ifPresent(json -> apply(simulator, "/_control/settings", json, "KHAOS_SIM_SETTINGS"));
        return simulator;
    }

    /** At start-up, as the control route would: a setting it refuses stops the sandbox with the route's reason. */
    private static void apply(KhaosSimulator simulator, String route, String json, String setting) {
        if (json.isBlank()) {
            return;
        }
        SimResponse applied = simulator.handle(new SimRequest("PUT", route, null, Map.of(), json.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1"));
        if (applied.status() != 200) {
            throw new IllegalArgumentException(setting + " is not valid: " + applied.bodyText());
        }
    }

    void mount(@Observes Router router, KhaosSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
