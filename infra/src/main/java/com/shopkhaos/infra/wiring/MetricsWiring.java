package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.web.EmbeddedMetrics;
import com.shopkhaos.model.ops.OpsMetrics;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The alarms' figures as CloudWatch embedded metrics (the sandbox replaces them with its own, kept in memory). */
@Singleton
public class MetricsWiring {

    @Produces
    @Singleton
    @DefaultBean
    OpsMetrics opsMetrics(@ConfigProperty(name = "shopkhaos.metrics-namespace", defaultValue = "ShopKhaos") String namespace,
                          @ConfigProperty(name = "shopkhaos.stack-name", defaultValue = "local") String stack, Clock clock,
                          software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                          @ConfigProperty(name = "shopkhaos.arrivals-table") Optional<String> arrivalsTable) {
        EmbeddedMetrics metrics = new EmbeddedMetrics(namespace, stack, clock);
        return arrivalsTable.filter(t -> !t.isBlank()).<OpsMetrics>map(t -> new com.shopkhaos.model.ops.ArrivalRecords(metrics,
                new com.shopkhaos.infra.dynamodb.DynamoCheckpoints(dynamo, t), clock)).orElse(metrics);
    }

    /** In AWS the arrival times and queue depths are CloudWatch's (the alarms watch them); the sandbox shows its own. */
    /**
     * In AWS: the depth of every queue and DLQ the ops API is told about ({@code *_QUEUE_URL}, {@code *_DLQ_URL}); when
     * the last webhook, stock push and order pull arrived are CloudWatch metrics the alarms watch (the sandbox shows them).
     */
    @Produces
    @Singleton
    @DefaultBean
    com.shopkhaos.model.ops.HealthFigures healthFigures(software.amazon.awssdk.services.sqs.SqsClient sqs,
                                                        @ConfigProperty(name = "shopkhaos.health-queues") Optional<String> queues,
                                                        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                                                        @ConfigProperty(name = "shopkhaos.arrivals-table") Optional<String> arrivalsTable,
                                                        Clock clock) {
        Optional<com.shopkhaos.model.ordersync.Checkpoints> checkpoints = arrivalsTable.filter(t -> !t.isBlank())
                .map(t -> new com.shopkhaos.infra.dynamodb.DynamoCheckpoints(dynamo, t));
        java.util.List<String> urls = com.shopkhaos.infra.sqs.QueueRetries.urls(queues.orElse(""));
        return () -> {
            java.util.Map<String, String> figures = new java.util.TreeMap<>();
            checkpoints.ifPresent(c -> figures.putAll(com.shopkhaos.model.ops.ArrivalRecords.lastArrivals(c, clock.instant())));
            figures.putAll(com.shopkhaos.infra.sqs.QueueRetries.depths(sqs, urls));
            return figures;
        };
    }


    @Produces
    @Singleton
    com.shopkhaos.model.ops.ExceptionLevels exceptionLevels(com.shopkhaos.model.exceptionledger.ExceptionLedger exceptions,
                                                            OpsMetrics metrics, Clock clock) {
        return new com.shopkhaos.model.ops.ExceptionLevels(exceptions, metrics, clock);
    }
}
