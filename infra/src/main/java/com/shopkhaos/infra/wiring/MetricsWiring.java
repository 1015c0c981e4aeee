package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.MetricsSettings;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.web.EmbeddedMetrics;
import com.shopkhaos.model.ops.OpsMetrics;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** The alarms' figures as CloudWatch embedded metrics (the sandbox replaces them with its own, kept in memory). */
@Singleton
public class MetricsWiring {

    @Produces
    @Singleton
    @DefaultBean
    OpsMetrics opsMetrics(MetricsSettings settings, Clock clock, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                          TableNames tables) {
        EmbeddedMetrics metrics = new EmbeddedMetrics(settings.metricsNamespace(), settings.stackName(), clock);
        return tables.arrivals().<OpsMetrics>map(t -> new com.shopkhaos.model.ops.ArrivalRecords(metrics,
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
                                                        QueueSettings queues,
                                                        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                                                        TableNames tables, Clock clock) {
        Optional<com.shopkhaos.model.ordersync.Checkpoints> checkpoints = tables.arrivals()
                .map(t -> new com.shopkhaos.infra.dynamodb.DynamoCheckpoints(dynamo, t));
        java.util.List<String> urls = queues.healthQueueUrls();
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
