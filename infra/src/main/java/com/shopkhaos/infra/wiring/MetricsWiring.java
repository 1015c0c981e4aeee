package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.web.EmbeddedMetrics;
import com.shopkhaos.model.ops.OpsMetrics;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The alarms' figures as CloudWatch embedded metrics (the sandbox replaces them with its own, kept in memory). */
@Singleton
public class MetricsWiring {

    @Produces
    @Singleton
    @DefaultBean
    OpsMetrics opsMetrics(@ConfigProperty(name = "shopkhaos.metrics-namespace", defaultValue = "ShopKhaos") String namespace,
                          @ConfigProperty(name = "shopkhaos.stack-name", defaultValue = "local") String stack, Clock clock) {
        return new EmbeddedMetrics(namespace, stack, clock);
    }

    /** In AWS the arrival times and queue depths are CloudWatch's (the alarms watch them); the sandbox shows its own. */
    @Produces
    @Singleton
    @DefaultBean
    com.shopkhaos.model.ops.HealthFigures healthFigures() {
        return () -> java.util.Map.of("Arrivals, queue depths and lag", "in CloudWatch: the alarms on the AlarmTopic watch them");
    }

    @Produces
    @Singleton
    com.shopkhaos.model.ops.ExceptionLevels exceptionLevels(com.shopkhaos.model.exceptionledger.ExceptionLedger exceptions,
                                                            OpsMetrics metrics, Clock clock) {
        return new com.shopkhaos.model.ops.ExceptionLevels(exceptions, metrics, clock);
    }
}
