package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.emulator.CloudFormationTemplate;
import com.shopkhaos.emulator.RepositoryRoot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a load run's orders cost: every AWS call the sandbox's functions made (per caller, service, operation and table
 * or queue, from {@code GET /sandbox/aws-calls}) and every Admin API request the simulated shop received, taken across a
 * stretch of the run and divided by its orders; then the AWS list price of those calls per 1,000 orders and per month.
 *
 * <p>Each call belongs to one part: the <b>order</b>'s own (webhook → IMPORTED: intake, order-sync, Khaos's download and
 * its status pushes), the <b>stock</b> pushes orders cause (Khaos's {@code StockStatus} pushes, the stock-push function,
 * the shop's product writes), or the <b>despatch</b> (Khaos's despatch statuses and the write-back), so an order's own
 * figure is not hidden in the stock work a busy catalogue causes.
 *
 * <p>Prices are AWS's on-demand list prices in eu-west-2 (London), USD, as the author knows them (DynamoDB's after its
 * November 2024 on-demand cut); they could not be checked against aws.amazon.com from this machine, so each is a system
 * property ({@code -Dshopkhaos.price.dynamodb-wru=…}) and a retailer's run should use the day's figures. The sandbox's durations are one shared JVM on 2 cores, not Lambda's: the GB-s figure is an estimate
 * of the order of magnitude.
 */
final class CostPerOrder {
    /** USD per write request unit (on-demand, eu-west-2). */
    static final BigDecimal DYNAMODB_WRU = price("dynamodb-wru", "0.0000007423");
    /** USD per read request unit (on-demand, eu-west-2). */
    static final BigDecimal DYNAMODB_RRU = price("dynamodb-rru", "0.0000001485");
    /** USD per SQS standard request (64 KB chunk). */
    static final BigDecimal SQS_REQUEST = price("sqs-request", "0.00000040");
    /** USD per Lambda request. */
    static final BigDecimal LAMBDA_REQUEST = price("lambda-request", "0.00000020");
    /** USD per Lambda GB-second, x86_64. */
    static final BigDecimal LAMBDA_GB_SECOND = price("lambda-gb-second", "0.0000166667");
    /** USD per HTTP API request (first 300 million a month). */
    static final BigDecimal HTTP_API_REQUEST = price("httpapi-request", "0.00000111");
    /** USD per Secrets Manager API call. */
    static final BigDecimal SECRETS_CALL = price("secretsmanager-call", "0.000005");

    enum Part { ORDER, STOCK, DESPATCH, OTHER }

    /** An entity id in an Admin API path (32 hex digits), so one route is one line. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** One counted line: calls and DynamoDB capacity units. */
    record Line(String caller, String service, String operation, String resource, long calls, double units) {
    }

    /** A reading of both counters at one moment. */
    record Snapshot(Map<String, Line> calls, Map<String, double[]> invocations, Map<String, Long> adminApi) {

        /** What happened between {@code before} and this reading. */
        Snapshot since(Snapshot before) {
            Map<String, Line> calls = new TreeMap<>();
            this.calls.forEach((k, l) -> {
                Line b = before.calls.get(k);
                long n = l.calls() - (b == null ? 0 : b.calls());
                if (n > 0) {
                    calls.put(k, new Line(l.caller(), l.service(), l.operation(), l.resource(), n,
                            l.units() - (b == null ? 0 : b.units())));
                }
            });
            Map<String, double[]> invocations = new TreeMap<>();
            this.invocations.forEach((k, v) -> {
                double[] b = before.invocations.getOrDefault(k, new double[2]);
                if (v[0] - b[0] > 0) {
                    invocations.put(k, new double[] {v[0] - b[0], v[1] - b[1]});
                }
            });
            Map<String, Long> admin = new TreeMap<>();
            this.adminApi.forEach((k, v) -> {
                long n = v - before.adminApi.getOrDefault(k, 0L);
                if (n > 0) {
                    admin.put(k, n);
                }
            });
            return new Snapshot(calls, invocations, admin);
        }
    }

    private CostPerOrder() {
    }

    static Snapshot read(RunningSandbox sandbox) throws Exception {
        JsonNode aws = sandbox.json("GET", "/sandbox/aws-calls", null);
        Map<String, Line> calls = new TreeMap<>();
        for (JsonNode c : aws.path("calls")) {
            Line line = new Line(c.path("caller").asText(), c.path("service").asText(), c.path("operation").asText(),
                    c.path("resource").asText(), c.path("calls").asLong(), c.path("capacityUnits").asDouble());
            calls.put(line.caller() + "|" + line.service() + "|" + line.operation() + "|" + line.resource(), line);
        }
        Map<String, double[]> invocations = new TreeMap<>();
        for (JsonNode i : aws.path("invocations")) {
            invocations.put(i.path("caller").asText(), new double[] {i.path("invocations").asDouble(), i.path("millis").asDouble()});
        }
        Map<String, Long> admin = new TreeMap<>();
        sandbox.json("GET", "/shopware-sim/_control", null).path("requestCounts").fields()
                .forEachRemaining(e -> admin.put(e.getKey(), e.getValue().asLong()));
        return new Snapshot(calls, invocations, admin);
    }

    /** The part a caller's calls belong to, within a stretch of the run that is {@code phase}'s (ORDER or DESPATCH). */
    static Part partOf(String caller, Part phase) {
        if (caller.startsWith("StockPushFunction") || caller.startsWith("StockReconcileFunction")
                || caller.equals("KhaosChannelFunction stockStatus") || caller.equals("KhaosChannelFunction stock")) {
            return Part.STOCK;
        }
        if (caller.startsWith("DespatchWritebackFunction")) {
            return Part.DESPATCH;
        }
        if (phase == Part.DESPATCH && (caller.equals("KhaosChannelFunction orders") || caller.equals("KhaosChannelFunction returns"))) {
            return Part.OTHER; // Khaos polling with nothing left to download: a fixed cost, not the despatch's
        }
        if (caller.startsWith("OrderIntakeFunction") || caller.startsWith("OrderSyncFunction") || caller.startsWith("OrderSweepFunction")
                || caller.startsWith("KhaosChannelFunction")) {
            return phase;
        }
        return Part.OTHER;
    }

    /** An Admin API request ("POST /api/_action/sync") is the stock's when it reads or writes products. */
    static Part adminPartOf(String request, Part phase) {
        return request.contains("/_action/sync") || request.contains("/search/product") ? Part.STOCK : phase;
    }

    /** The per-order counts of one part: DynamoDB and other calls by operation, Admin API requests, capacity units. */
    record PartCost(Part part, double dynamoCalls, double readUnits, double writeUnits, double sqsCalls, double secretsCalls,
                    double adminCalls, double httpRequests, double lambdaInvocations, double gbSeconds,
                    Map<String, Double> byOperation, Map<String, Double> adminByRequest) {

        BigDecimal usd() {
            return dynamoUsd().add(times(sqsCalls, SQS_REQUEST)).add(times(secretsCalls, SECRETS_CALL))
                    .add(times(httpRequests, HTTP_API_REQUEST)).add(lambdaUsd());
        }

        BigDecimal dynamoUsd() {
            return times(readUnits, DYNAMODB_RRU).add(times(writeUnits, DYNAMODB_WRU));
        }

        BigDecimal lambdaUsd() {
            return times(lambdaInvocations, LAMBDA_REQUEST).add(times(gbSeconds, LAMBDA_GB_SECOND));
        }
    }

    static PartCost cost(Snapshot stretch, Part phase, Part part, int orders) {
        Map<String, Integer> memory = memoryMb();
        double dynamo = 0;
        double reads = 0;
        double writes = 0;
        double sqs = 0;
        double secrets = 0;
        Map<String, Double> byOperation = new TreeMap<>();
        for (Line l : stretch.calls().values()) {
            if (partOf(l.caller(), phase) != part) {
                continue;
            }
            String op = l.caller() + ": " + l.service() + " " + l.operation() + " " + l.resource();
            byOperation.merge(op, l.calls() / (double) orders, Double::sum);
            switch (l.service()) {
                case "DynamoDb" -> {
                    dynamo += l.calls();
                    boolean read = l.operation().startsWith("Get") || l.operation().startsWith("BatchGet")
                            || l.operation().startsWith("Query") || l.operation().startsWith("Scan")
                            || l.operation().startsWith("TransactGet");
                    // a refused conditional write still costs its unit; dynalite answers no capacity for a failure
                    double units = Math.max(l.units(), l.operation().endsWith("(failed)") ? l.calls() * (read ? 0.5 : 1) : 0);
                    if (read) {
                        reads += units;
                    } else {
                        writes += units;
                    }
                }
                // each message sent is, in AWS, also received and deleted by the event source mapping (batched: at most 2)
                case "Sqs" -> sqs += l.operation().startsWith("Send") ? 3.0 * l.calls() : 0;
                default -> secrets += l.service().toLowerCase(Locale.ROOT).contains("secret") ? l.calls() : 0;
            }
        }
        double http = 0;
        double invocations = 0;
        double gbSeconds = 0;
        for (Map.Entry<String, double[]> e : stretch.invocations().entrySet()) {
            if (partOf(e.getKey(), phase) != part) {
                continue;
            }
            String function = e.getKey().split(" ")[0];
            invocations += e.getValue()[0];
            if (e.getKey().startsWith("OrderIntakeFunction") || e.getKey().startsWith("KhaosChannelFunction")) {
                http += e.getValue()[0];
            }
            gbSeconds += e.getValue()[1] / 1000.0 * memory.getOrDefault(function, 1024) / 1024.0;
        }
        double admin = 0;
        Map<String, Double> adminBy = new TreeMap<>();
        for (Map.Entry<String, Long> e : stretch.adminApi().entrySet()) {
            if (!e.getKey().contains(" /api/") || adminPartOf(e.getKey(), phase) != part) {
                continue;
            }
            admin += e.getValue();
            adminBy.merge(ID.matcher(e.getKey()).replaceAll("{id}"), e.getValue() / (double) orders, Double::sum);
        }
        return new PartCost(part, dynamo / orders, reads / orders, writes / orders, sqs / orders, secrets / orders,
                admin / orders, http / orders, invocations / orders, gbSeconds / orders, byOperation, adminBy);
    }

    /** The printed table of one part: per order, then each operation's share. */
    static String describe(String title, PartCost c) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: per order %.2f DynamoDB calls (%.2f read units, %.2f write units), %.2f Admin API requests, %.2f SQS requests "
                        + "(sends × 3), %.2f HTTP API requests, %.2f Lambda invocations, %.4f GB-s; USD %s%n",
                title, c.dynamoCalls(), c.readUnits(), c.writeUnits(), c.adminCalls(), c.sqsCalls(), c.httpRequests(),
                c.lambdaInvocations(), c.gbSeconds(), c.usd().setScale(8, RoundingMode.HALF_UP).toPlainString()));
        c.byOperation().forEach((op, n) -> out.append(String.format(Locale.ROOT, "    %6.2f  %s%n", n, op)));
        c.adminByRequest().forEach((r, n) -> out.append(String.format(Locale.ROOT, "    %6.2f  Admin API %s%n", n, r)));
        return out.toString();
    }

    /** Per 1,000 orders, and a month (30 days) at 1,000 / 10,000 / 100,000 orders a day, from the per-order parts. */
    static String prices(List<PartCost> parts) {
        BigDecimal perOrder = BigDecimal.ZERO;
        StringBuilder out = new StringBuilder("AWS list price (eu-west-2, USD; requests and compute only, not storage, logs or "
                + "the idle queues' polling):\n");
        List<String> shares = new ArrayList<>();
        for (PartCost c : parts) {
            BigDecimal usd = c.usd();
            perOrder = perOrder.add(usd);
            out.append(String.format(Locale.ROOT, "  %-8s per 1,000 orders %s%n", c.part(), usd.multiply(BigDecimal.valueOf(1000))
                    .setScale(4, RoundingMode.HALF_UP)));
            shares.add(c.part() + " " + dominant(c));
        }
        out.append(String.format(Locale.ROOT, "  all      per 1,000 orders %s%n",
                perOrder.multiply(BigDecimal.valueOf(1000)).setScale(4, RoundingMode.HALF_UP)));
        for (int perDay : new int[] {1_000, 10_000, 100_000}) {
            out.append(String.format(Locale.ROOT, "  a month at %,d orders a day: USD %s%n", perDay,
                    perOrder.multiply(BigDecimal.valueOf(perDay * 30L)).setScale(2, RoundingMode.HALF_UP)));
        }
        out.append("  dominated by: ").append(String.join("; ", shares)).append('\n');
        return out.toString();
    }

    private static String dominant(PartCost c) {
        Map<String, BigDecimal> items = new TreeMap<>();
        items.put("DynamoDB", c.dynamoUsd());
        items.put("SQS", times(c.sqsCalls(), SQS_REQUEST));
        items.put("HTTP API", times(c.httpRequests(), HTTP_API_REQUEST));
        items.put("Lambda", c.lambdaUsd());
        items.put("Secrets Manager", times(c.secretsCalls(), SECRETS_CALL));
        BigDecimal total = c.usd();
        if (total.signum() == 0) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder();
        items.entrySet().stream().sorted((a, b) -> b.getValue().compareTo(a.getValue())).limit(2)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(e.getValue().multiply(BigDecimal.valueOf(100)).divide(total, 0, RoundingMode.HALF_UP)).append('%'));
        return out.toString();
    }

    /** Each function's memory (MB) in template.yaml, the Globals' where it sets none. */
    static Map<String, Integer> memoryMb() {
        CloudFormationTemplate template = CloudFormationTemplate.read(RepositoryRoot.locate().resolve("template.yaml"));
        int global = Integer.parseInt(String.valueOf(template.globalFunctionProperties().getOrDefault("MemorySize", 128)));
        Map<String, Integer> out = new TreeMap<>();
        template.resources().forEach((id, r) -> {
            if (r.type().equals("AWS::Serverless::Function")) {
                Object size = r.properties().get("MemorySize");
                out.put(id, size == null ? global : Integer.parseInt(String.valueOf(size)));
            }
        });
        return out;
    }

    /** A counted quantity (units, requests, GB-s: measurements, so double) at a price (money: BigDecimal). */
    static BigDecimal times(double quantity, BigDecimal price) {
        return BigDecimal.valueOf(quantity).multiply(price);
    }

    private static BigDecimal price(String name, String listPrice) {
        String set = System.getProperty("shopkhaos.price." + name);
        return new BigDecimal(set == null || set.isBlank() ? listPrice : set);
    }
}
