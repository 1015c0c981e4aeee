package com.shopkhaos.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What triggers a function in the translated template: its HTTP API routes, its event source mappings, its schedules. */
final class Triggers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Triggers() {
    }

    /** References to the function as SAM deploys it: the function itself or its {@code live} alias. */
    static boolean refersTo(JsonNode node, String functionId) {
        String text = node.toString();
        return text.contains("\"" + functionId + "Aliaslive\"") || text.contains("${" + functionId + "Aliaslive}")
                || text.contains("\"" + functionId + "\"") || text.contains("${" + functionId + ".Arn}");
    }

    /**
     * The route key ({@code GET /ops/api/{proxy+}}) of the HTTP API route that sends {@code method path} to this function,
     * as API Gateway would match it; fails when no route of the API sends it there.
     */
    static String route(SamTemplate template, String functionId, String method, String path) {
        for (JsonNode api : template.ofType("AWS::ApiGatewayV2::Api").values()) {
            JsonNode paths = api.path("Properties").path("Body").path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!matches(p.getKey(), path)) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    boolean methodMatches = op.getKey().equalsIgnoreCase(method) || op.getKey().equals("x-amazon-apigateway-any-method");
                    if (methodMatches && refersTo(op.getValue().path("x-amazon-apigateway-integration").path("uri"), functionId)) {
                        String m = op.getKey().equals("x-amazon-apigateway-any-method") ? "ANY" : op.getKey().toUpperCase(Locale.ROOT);
                        return m + " " + p.getKey();
                    }
                }
            }
        }
        throw new AssertionError("no HTTP API route of the template sends " + method + " " + path + " to " + functionId);
    }

    /** Whether the route needs the JWT authorizer. */
    static boolean routeNeedsSignIn(SamTemplate template, String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        for (JsonNode api : template.ofType("AWS::ApiGatewayV2::Api").values()) {
            JsonNode op = api.path("Properties").path("Body").path("paths").path(parts[1])
                    .path(parts[0].equals("ANY") ? "x-amazon-apigateway-any-method" : parts[0].toLowerCase(Locale.ROOT));
            if (!op.isMissingNode()) {
                return op.path("security").size() > 0;
            }
        }
        throw new AssertionError("no route " + routeKey);
    }

    static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        for (int i = 0; i < t.length; i++) {
            if (t[i].endsWith("+}")) {
                return p.length > i;
            }
            if (i >= p.length) {
                return false;
            }
            if (!(t[i].startsWith("{") && t[i].endsWith("}")) && !t[i].equals(p[i])) {
                return false;
            }
        }
        return t.length == p.length;
    }

    /** The event source mappings that feed this function (as deployed: on its alias). */
    static List<JsonNode> eventSourceMappings(SamTemplate template, String functionId) {
        List<JsonNode> out = new ArrayList<>();
        template.ofType("AWS::Lambda::EventSourceMapping").values().forEach(m -> {
            if (refersTo(m.path("Properties").path("FunctionName"), functionId)) {
                out.add(m.path("Properties"));
            }
        });
        return out;
    }

    /** The queue ARN of the function's one event source mapping, resolved as the local cloud names it. */
    static String queueArn(SamTemplate template, LocalCloud cloud, String functionId) {
        List<JsonNode> mappings = eventSourceMappings(template, functionId);
        if (mappings.size() != 1) {
            throw new AssertionError(functionId + " should be fed by one queue, has " + mappings.size() + " event source mappings");
        }
        return String.valueOf(cloud.resolve(JSON.convertValue(mappings.get(0).path("EventSourceArn"), Object.class)));
    }

    /** The schedules that run this function. */
    static List<JsonNode> schedules(SamTemplate template, String functionId) {
        List<JsonNode> out = new ArrayList<>();
        template.ofType("AWS::Scheduler::Schedule").values().forEach(s -> {
            if (refersTo(s.path("Properties").path("Target").path("Arn"), functionId)) {
                out.add(s.path("Properties"));
            }
        });
        return out;
    }

    /** What EventBridge Scheduler hands the function on one of its schedules (by logical id): its Input, as it is. */
    static String scheduledInput(SamTemplate template, String functionId, String scheduleId) {
        JsonNode schedule = template.ofType("AWS::Scheduler::Schedule").get(scheduleId);
        if (schedule == null || !refersTo(schedule.path("Properties").path("Target").path("Arn"), functionId)) {
            throw new AssertionError(scheduleId + " is no schedule of " + functionId);
        }
        JsonNode input = schedule.path("Properties").path("Target").path("Input");
        return input.isMissingNode() ? "{}" : input.asText();
    }

    /** What EventBridge Scheduler hands the function: the schedule's Input, as it is. */
    static String scheduledInput(SamTemplate template, String functionId) {
        List<JsonNode> schedules = schedules(template, functionId);
        if (schedules.size() != 1) {
            throw new AssertionError(functionId + " should run on one schedule, has " + schedules.size());
        }
        JsonNode input = schedules.get(0).path("Target").path("Input");
        return input.isMissingNode() ? "{}" : input.asText();
    }
}
