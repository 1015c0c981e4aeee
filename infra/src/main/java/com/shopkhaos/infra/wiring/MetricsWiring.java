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
        com.shopkhaos.model.ordersync.Checkpoints checkpoints = new com.shopkhaos.infra.dynamodb.DynamoCheckpoints(dynamo,
                arrivalsTable.orElse(""));
        return () -> {
            java.util.Map<String, String> figures = new java.util.TreeMap<>();
            java.util.Map<String, String> arrivals = java.util.Map.of(OpsMetrics.WEBHOOKS_RECEIVED, "Last webhook from the shop",
                    OpsMetrics.KHAOS_STOCK_PUSHES, "Last stock push from Khaos", OpsMetrics.KHAOS_ORDER_PULLS, "Last order pull by Khaos");
            arrivals.forEach((metric, label) -> {
                if (arrivalsTable.isEmpty() || arrivalsTable.get().isBlank()) {
                    return;
                }
                try {
                    figures.put(label, checkpoints.get(com.shopkhaos.model.ops.ArrivalRecords.checkpoint(metric))
                            .map(at -> java.time.Duration.between(at, clock.instant()).toMinutes() + " min ago (to the minute)")
                            .orElse("none yet"));
                } catch (RuntimeException e) {
                    figures.put(label, "could not be read");
                }
            });
            for (String url : queues.orElse("").split(",")) {
                if (url.isBlank()) {
                    continue;
                }
                String name = url.strip().substring(url.strip().lastIndexOf('/') + 1);
                try {
                    java.util.Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b
                            .queueUrl(url.strip()).attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                    .APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
                    figures.put("Queue " + name, a.getOrDefault(software.amazon.awssdk.services.sqs.model.QueueAttributeName
                            .APPROXIMATE_NUMBER_OF_MESSAGES, "?") + " waiting");
                } catch (RuntimeException e) {
                    figures.put("Queue " + name, "could not be read");
                }
            }
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
