package com.shopkhaos.infra.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.ops.OpsMetrics;
import java.time.Clock;

/**
 * CloudWatch metrics the cheap way: one line of embedded metric format on standard output, which Lambda's log
 * delivery turns into a metric in namespace {@code METRICS_NAMESPACE} with dimension {@code Stack} (template.yaml's
 * alarms watch them). No API call, no extra permission, nothing personal in it.
 */
public final class EmbeddedMetrics implements OpsMetrics {
    private final String namespace;
    private final String stack;
    private final Clock clock;

    public EmbeddedMetrics(String namespace, String stack, Clock clock) {
        this.namespace = namespace;
        this.stack = stack;
        this.clock = clock;
    }

    @Override
    public void counted(String name) {
        emit(name, 1, "Count");
    }

    @Override
    public void level(String name, double value) {
        emit(name, value, name.endsWith("Hours") ? "None" : "Count"); // CloudWatch has no hours unit
    }

    /** The line as Lambda would log it (public for tests). */
    public String line(String name, double value, String unit) {
        ObjectNode root = InfraJson.mapper().createObjectNode();
        ObjectNode aws = root.putObject("_aws").put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add("Stack");
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        root.put("Stack", stack).put(name, value);
        return root.toString();
    }

    private void emit(String name, double value, String unit) {
        System.out.println(line(name, value, unit));
    }
}
