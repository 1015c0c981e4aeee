package com.shopkhaos.sandbox;

import com.shopkhaos.simulators.ksd.KsdSimulator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Serves the simulated Khaos Control on premises (its SOAP web service, {@code POST /ksd-sim/KhaosIDS.exe/soap/IKosWeb})
 * and its control API under {@code /ksd-sim}. Nothing of ours calls it yet: the on-premises platform is being built.
 */
@Singleton
public class KsdSimulatorMount {
    static final String PREFIX = "/ksd-sim";

    @Produces
    @Singleton
    KsdSimulator ksd(SandboxConfig config) {
        return new KsdSimulator(config.seed());
    }

    void mount(@Observes Router router, KsdSimulator simulator) {
        router.route(PREFIX + "/*").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
                .blockingHandler(context -> SimulatorRoutes.serve(context, PREFIX, simulator::handle), false);
    }
}
