package com.shopkhaos.sandbox;

import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.sqs.QueueRetries;
import com.shopkhaos.model.ops.HealthFigures;
import com.shopkhaos.model.ops.OpsMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Health at a glance in the sandbox: arrivals from its metrics, the depth of the queues the template hands the ops function
 * ({@code HEALTH_QUEUE_URLS}, read as the Lambda reads them), the last stock push's lag.
 */
@ApplicationScoped
public class SandboxHealthFigures implements HealthFigures {

    @Inject
    SandboxMetrics metrics;

    @Inject
    SqsClient sqs;

    @Inject
    SandboxStockSync stock;

    @Inject
    QueueSettings queues;

    @Override
    public Map<String, String> now() {
        Map<String, String> figures = new TreeMap<>();
        Map<String, Object> snapshot = metrics.snapshot();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byName = (Map<String, Map<String, Object>>) snapshot.get("metrics");
        for (String name : List.of(OpsMetrics.WEBHOOKS_RECEIVED, OpsMetrics.KHAOS_STOCK_PUSHES, OpsMetrics.KHAOS_ORDER_PULLS)) {
            Map<String, Object> m = byName.get(name);
            figures.put("Last " + label(name), m == null ? "none yet" : ago((Long) m.get("secondsAgo")));
        }
        try {
            figures.putAll(QueueRetries.depths(sqs, queues.healthQueueUrls()));
        } catch (RuntimeException e) {
            figures.put("Queues", "could not be read: " + e.getMessage());
        }
        List<SandboxStockSync.Pushed> pushes = stock.pushed();
        figures.put("Stock push lag (last push)", pushes.isEmpty() ? "no push yet" : Duration.between(
                pushes.get(pushes.size() - 1).changedAt(), pushes.get(pushes.size() - 1).pushedAt()).toMillis() + " ms");
        figures.put("Checked at", Instant.now().toString());
        return figures;
    }

    private static String label(String metric) {
        return switch (metric) {
            case OpsMetrics.WEBHOOKS_RECEIVED -> "webhook from the shop";
            case OpsMetrics.KHAOS_STOCK_PUSHES -> "stock push from Khaos";
            default -> "order pull by Khaos";
        };
    }

    private static String ago(long seconds) {
        return seconds < 120 ? seconds + " s ago" : seconds < 7200 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
    }
}
