package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.MetricsSettings;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.dynamodb.DynamoCheckpoints;
import com.shopkhaos.infra.sqs.QueueRetries;
import com.shopkhaos.infra.web.EmbeddedMetrics;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.ops.ArrivalRecords;
import com.shopkhaos.model.ops.ExceptionLevels;
import com.shopkhaos.model.ops.HealthFigures;
import com.shopkhaos.model.ops.OpsMetrics;
import com.shopkhaos.model.ordersync.Checkpoints;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The alarms' figures as CloudWatch embedded metrics (the sandbox replaces them with its own, kept in memory). */
@Singleton
public class MetricsWiring {

    @Produces
    @Singleton
    @DefaultBean
    OpsMetrics opsMetrics(MetricsSettings settings, Clock clock, DynamoDbClient dynamo,
                          TableNames tables) {
        EmbeddedMetrics metrics = new EmbeddedMetrics(settings.metricsNamespace(), settings.stackName(), clock);
        return tables.arrivals().<OpsMetrics>map(t -> new ArrivalRecords(metrics,
                new DynamoCheckpoints(dynamo, t), clock)).orElse(metrics);
    }

    /** In AWS the arrival times and queue depths are CloudWatch's (the alarms watch them); the sandbox shows its own. */
    /**
     * In AWS: the depth of every queue and DLQ the ops API is told about ({@code *_QUEUE_URL}, {@code *_DLQ_URL}); when
     * the last webhook, stock push and order pull arrived are CloudWatch metrics the alarms watch (the sandbox shows them).
     */
    @Produces
    @Singleton
    @DefaultBean
    HealthFigures healthFigures(SqsClient sqs,
                                                        QueueSettings queues,
                                                        DynamoDbClient dynamo,
                                                        TableNames tables, Clock clock) {
        Optional<Checkpoints> checkpoints = tables.arrivals()
                .map(t -> new DynamoCheckpoints(dynamo, t));
        List<String> urls = queues.healthQueueUrls();
        return () -> {
            Map<String, String> figures = new TreeMap<>();
            checkpoints.ifPresent(c -> figures.putAll(ArrivalRecords.lastArrivals(c, clock.instant())));
            figures.putAll(QueueRetries.depths(sqs, urls));
            return figures;
        };
    }


    @Produces
    @Singleton
    ExceptionLevels exceptionLevels(ExceptionLedger exceptions,
                                                            OpsMetrics metrics, Clock clock) {
        return new ExceptionLevels(exceptions, metrics, clock);
    }
}
