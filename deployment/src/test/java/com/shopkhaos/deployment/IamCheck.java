package com.shopkhaos.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Holds the AWS calls each function was seen to make against the IAM statements its execution role has in the template
 * as SAM translates it (inline policies, and the AWS managed policies SAM attaches by itself): a call no Allow statement
 * covers is a failure waiting for production; a grant no call used is listed so it is removed or kept for a reason.
 * Resources are resolved the way the local cloud names them (tables, queues, secrets with their suffix, indexes).
 */
final class IamCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What SAM's implicit managed policies allow (AWS documentation of each managed policy). */
    static final Map<String, List<Grant>> MANAGED = Map.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", List.of(
                    new Grant("AWSLambdaBasicExecutionRole", "logs:CreateLogGroup", "*"),
                    new Grant("AWSLambdaBasicExecutionRole", "logs:CreateLogStream", "*"),
                    new Grant("AWSLambdaBasicExecutionRole", "logs:PutLogEvents", "*")),
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", List.of(
                    new Grant("AWSLambdaSQSQueueExecutionRole", "sqs:ReceiveMessage", "*"),
                    new Grant("AWSLambdaSQSQueueExecutionRole", "sqs:DeleteMessage", "*"),
                    new Grant("AWSLambdaSQSQueueExecutionRole", "sqs:GetQueueAttributes", "*"),
                    new Grant("AWSLambdaSQSQueueExecutionRole", "logs:CreateLogGroup", "*"),
                    new Grant("AWSLambdaSQSQueueExecutionRole", "logs:CreateLogStream", "*"),
                    new Grant("AWSLambdaSQSQueueExecutionRole", "logs:PutLogEvents", "*")));

    /** One action on one resource pattern, from the statement {@code sid}. */
    record Grant(String sid, String action, String resource) {
        boolean allows(Call call) {
            return wildcard(action).matcher(call.action()).matches() && wildcard(resource).matcher(call.resource()).matches();
        }

        @Override
        public String toString() {
            return sid + " " + action + " on " + resource;
        }
    }

    /** A call a function made: {@code dynamodb:PutItem} on an ARN. */
    record Call(String action, String resource) {
        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    record Findings(Map<String, Set<Call>> notAllowed, Map<String, Set<Grant>> unused) {
    }

    private IamCheck() {
    }

    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder("(?i)");
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** The grants of a function's execution role. */
    static List<Grant> grants(SamTemplate template, LocalCloud cloud, String functionId) {
        JsonNode function = template.resource(functionId).path("Properties");
        JsonNode role = function.path("Role");
        String roleId = role.has("Fn::GetAtt") ? role.path("Fn::GetAtt").path(0).asText() : null;
        if (roleId == null) {
            throw new IllegalStateException(functionId + " has no role of the template: " + role);
        }
        JsonNode p = template.resource(roleId).path("Properties");
        List<Grant> out = new ArrayList<>();
        for (JsonNode arn : p.path("ManagedPolicyArns")) {
            List<Grant> managed = MANAGED.get(arn.asText());
            if (managed == null) {
                throw new IllegalStateException(functionId + ": managed policy " + arn + " is not known to this check");
            }
            out.addAll(managed);
        }
        for (JsonNode policy : p.path("Policies")) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                String sid = statement.path("Sid").asText(policy.path("PolicyName").asText());
                for (String action : strings(statement.path("Action"))) {
                    for (Object resource : resources(cloud, statement.path("Resource"))) {
                        out.add(new Grant(sid, action, String.valueOf(resource)));
                    }
                }
            }
        }
        return out;
    }

    private static List<Object> resources(LocalCloud cloud, JsonNode resource) {
        List<Object> out = new ArrayList<>();
        if (resource.isArray()) {
            resource.forEach(r -> out.addAll(resources(cloud, r)));
            return out;
        }
        out.add(cloud.resolve(JSON.convertValue(resource, Object.class)));
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** Every call recorded for a function, as IAM sees it (action and resource ARN). */
    static Set<Call> recorded(Path dir, String functionId) throws IOException {
        Path file = dir.resolve(functionId + ".jsonl");
        Set<Call> out = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode call = JSON.readTree(line);
            String service = iamService(call.path("service").asText());
            String action = service + ":" + call.path("operation").asText();
            List<String> resources = new ArrayList<>();
            call.path("resources").forEach(r -> resources.add(arn(service, r.asText())));
            if (resources.isEmpty()) {
                resources.add("*");
            }
            resources.forEach(r -> out.add(new Call(action, r)));
        }
        return out;
    }

    static String iamService(String sdkServiceName) {
        return switch (sdkServiceName.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "dynamodb" -> "dynamodb";
            case "sqs" -> "sqs";
            case "secretsmanager" -> "secretsmanager";
            case "cloudwatch" -> "cloudwatch";
            case "cognitoidentityprovider" -> "cognito-idp";
            default -> sdkServiceName.toLowerCase(Locale.ROOT);
        };
    }

    static String arn(String service, String resource) {
        String prefix = ":" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT_ID + ":";
        switch (service) {
            case "dynamodb":
                return "arn:aws:dynamodb" + prefix + resource;
            case "sqs":
                String path = URI.create(resource).getPath();
                return "arn:aws:sqs" + prefix + path.substring(path.lastIndexOf('/') + 1);
            case "secretsmanager":
                String id = resource.substring("secret:".length());
                // a name resolves to the secret's ARN, which ends in "-" and six random characters
                return id.startsWith("arn:") ? id : "arn:aws:secretsmanager" + prefix + "secret:" + id + "-AbCdEf";
            default:
                return resource;
        }
    }

    /** An item action on an index ARN grants nothing (IAM evaluates GetItem, PutItem … against the table only). */
    static boolean meaningless(Grant g) {
        boolean onIndex = g.resource().contains("/index/");
        boolean itemAction = g.action().startsWith("dynamodb:") && !g.action().equals("dynamodb:Query") && !g.action().equals("dynamodb:Scan");
        return onIndex && itemAction;
    }

    static Findings check(SamTemplate template, LocalCloud cloud, Path recordings, Set<String> functions) throws IOException {
        Map<String, Set<Call>> notAllowed = new TreeMap<>();
        Map<String, Set<Grant>> unused = new TreeMap<>();
        for (String functionId : functions) {
            List<Grant> grants = grants(template, cloud, functionId);
            Set<Call> calls = recorded(recordings, functionId);
            Set<Grant> used = new LinkedHashSet<>();
            for (Call call : calls) {
                List<Grant> allowing = grants.stream().filter(g -> g.allows(call)).toList();
                if (allowing.isEmpty()) {
                    notAllowed.computeIfAbsent(functionId, k -> new LinkedHashSet<>()).add(call);
                }
                used.addAll(allowing);
            }
            for (Grant g : grants) {
                if (!used.contains(g) && !meaningless(g)) {
                    unused.computeIfAbsent(functionId, k -> new LinkedHashSet<>()).add(g);
                }
            }
        }
        return new Findings(notAllowed, unused);
    }
}
