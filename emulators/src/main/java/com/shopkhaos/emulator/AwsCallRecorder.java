package com.shopkhaos.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.TreeMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records every AWS API call a function makes (service, operation, the tables, indexes, queues and secrets it
 * names), one JSON line per call in {@code <dir>/<function>.jsonl}, so a test can hold each call against that
 * function's IAM statements in the template. Function tests name it as an interceptor of the clients in the
 * test profile of each function's {@code application.properties}; the packaged-function test puts it, with the SDK's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, beside the unpacked zip. It records only when told where
 * ({@code SHOPKHAOS_AWS_CALLS_DIR} or the system property {@code shopkhaos.aws-calls.dir}) and for which function
 * ({@code SHOPKHAOS_FUNCTION} or {@code shopkhaos.aws-calls.function}; function tests set it through
 * {@link FunctionLocalCloud}). The sandbox, where every flow shares one JVM, names the function per invocation instead
 * ({@link #asFunction}): its queue pollers, timers and routes run each function's code as that function, so the calls the
 * flow tests make are held against the role that would make them in AWS. Calls naming a resource listed in
 * {@code shopkhaos.aws-calls.ignore} (the sandbox's own ops key, which AWS does not have) are not recorded. The local
 * cloud's own clients (creating tables, seeding data in tests) do not have it. A test instrument: never in a function's zip.
 *
 * <p>It also <b>counts</b> every call, always (file or not), per caller (the function, and within it the route or
 * activity: {@code KhaosChannelFunction orderStatus}), service and operation, with the DynamoDB capacity units each
 * consumed when {@code shopkhaos.aws-calls.capacity=true} asks every DynamoDB request for {@code TOTAL}; and times
 * each invocation per caller ({@link #counts()}). Load runs turn these into calls and cost per order.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    public static final String FUNCTION_PROPERTY = "shopkhaos.aws-calls.function";
    public static final String DIR_PROPERTY = "shopkhaos.aws-calls.dir";
    public static final String IGNORE_PROPERTY = "shopkhaos.aws-calls.ignore";
    public static final String CAPACITY_PROPERTY = "shopkhaos.aws-calls.capacity";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /** The route or activity within the current function ({@link #currentFunction(String, String)}), or null. */
    private static final ThreadLocal<String> ACTIVITY = new ThreadLocal<>();
    /** When the current route's invocation began (nanoTime), for its duration. */
    private static final ThreadLocal<Long> STARTED = new ThreadLocal<>();
    private static final Map<String, Tally> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, Tally> INVOCATIONS = new ConcurrentHashMap<>();
    private static final String NOBODY = "(none)";
    /** Lines already written: a flow test makes the same call thousands of times, the file needs it once. */
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    /** Runs {@code work} as one invocation of {@code function}: the AWS calls it makes on this thread are that function's. */
    public static <T> T asFunction(String function, Supplier<T> work) {
        String outer = CURRENT.get();
        String outerActivity = ACTIVITY.get();
        CURRENT.set(function);
        ACTIVITY.remove();
        long began = System.nanoTime();
        try {
            return work.get();
        } finally {
            if (outer == null) {
                INVOCATIONS.computeIfAbsent(function, k -> new Tally()).add(1, (System.nanoTime() - began) / 1e6);
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
                if (outerActivity != null) {
                    ACTIVITY.set(outerActivity);
                }
            }
        }
    }

    /** From now on the calls made on this thread are {@code function}'s (null: nobody's); for a request's filters. */
    public static void currentFunction(String function) {
        currentFunction(function, null);
    }

    /**
     * From now on the calls made on this thread are {@code function}'s, within its route or activity {@code activity}
     * (null: nobody's; the invocation begun by the last call with a function then ends and is timed).
     */
    public static void currentFunction(String function, String activity) {
        if (function == null) {
            Long began = STARTED.get();
            String caller = caller();
            if (began != null && !caller.equals(NOBODY)) {
                INVOCATIONS.computeIfAbsent(caller, k -> new Tally()).add(1, (System.nanoTime() - began) / 1e6);
            }
            CURRENT.remove();
            ACTIVITY.remove();
            STARTED.remove();
        } else {
            CURRENT.set(function);
            if (activity == null) {
                ACTIVITY.remove();
            } else {
                ACTIVITY.set(activity);
            }
            STARTED.set(System.nanoTime());
        }
    }

    /**
     * Every call counted since the JVM started: {@code calls} per caller, service and operation, with the capacity
     * units and the read or write kind; {@code invocations} per caller with their total milliseconds. Callers are
     * {@code "Function"} or {@code "Function activity"}; calls made by nobody's code are {@code "(none)"}.
     */
    public static Counts counts() {
        Map<String, Tally.Snapshot> calls = new TreeMap<>();
        CALLS.forEach((k, v) -> calls.put(k, v.snapshot()));
        Map<String, Tally.Snapshot> invocations = new TreeMap<>();
        INVOCATIONS.forEach((k, v) -> invocations.put(k, v.snapshot()));
        return new Counts(calls, invocations);
    }

    /**
     * What {@link #counts()} answers: keys of {@code calls} are "caller|service|operation|resource", the operation with
     * " (failed)" when the call failed (a conditional write refused, a throttle); resource is the table (or
     * table/index), the queue's name or "secret".
     */
    public record Counts(Map<String, Tally.Snapshot> calls, Map<String, Tally.Snapshot> invocations) {
    }

    /** A count and a sum (capacity units or milliseconds). */
    public static final class Tally {
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        void add(long n, double amount) {
            count.add(n);
            sum.add(amount);
        }

        Snapshot snapshot() {
            return new Snapshot(count.sum(), sum.sum());
        }

        /** The count, and the sum of capacity units (calls) or milliseconds (invocations). */
        public record Snapshot(long count, double sum) {
        }
    }

    private static String caller() {
        String function = CURRENT.get() != null ? CURRENT.get() : setting("SHOPKHAOS_FUNCTION", FUNCTION_PROPERTY);
        if (function == null) {
            return NOBODY;
        }
        String activity = ACTIVITY.get();
        return activity == null ? function : function + " " + activity;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!Boolean.getBoolean(CAPACITY_PROPERTY)) {
            return context.request();
        }
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(countKey(context.request(), attributes, ""), k -> new Tally()).add(1, capacity(context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(countKey(context.request(), attributes, " (failed)"), k -> new Tally()).add(1, 0);
    }

    /** "caller|service|operation[ (failed)]|resource": the table (or table/index), the queue's name, or "secret". */
    private static String countKey(SdkRequest request, ExecutionAttributes attributes, String outcome) {
        List<String> resources = resources(request);
        String resource = resources.isEmpty() ? "" : resources.get(0);
        if (resource.startsWith("table/")) {
            resource = resource.substring("table/".length());
        } else if (resource.startsWith("secret:")) {
            resource = "secret";
        } else if (resource.contains("/")) {
            resource = resource.substring(resource.lastIndexOf('/') + 1);
        }
        return caller() + "|" + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "|"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + outcome + "|" + resource;
    }

    /** The capacity units a DynamoDB answer says it consumed (0 when it says nothing). */
    static double capacity(SdkResponse response) {
        double units = 0;
        Object said = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
        List<?> all = said instanceof List<?> list ? list : said == null ? List.of() : List.of(said);
        for (Object c : all) {
            if (c instanceof ConsumedCapacity cc && cc.capacityUnits() != null) {
                units += cc.capacityUnits();
            }
        }
        return units;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String dir = setting("SHOPKHAOS_AWS_CALLS_DIR", DIR_PROPERTY);
        String function = CURRENT.get() != null ? CURRENT.get() : setting("SHOPKHAOS_FUNCTION", FUNCTION_PROPERTY);
        if (dir == null || function == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<String> resources = resources(context.request());
        List<String> ignored = Arrays.asList(System.getProperty(IGNORE_PROPERTY, "").split(","));
        if (resources.stream().anyMatch(ignored::contains)) {
            return;
        }
        StringBuilder line = new StringBuilder("{\"service\":").append(quote(service)).append(",\"operation\":")
                .append(quote(operation)).append(",\"resources\":[");
        for (int i = 0; i < resources.size(); i++) {
            line.append(i == 0 ? "" : ",").append(quote(resources.get(i)));
        }
        line.append("]}\n");
        if (!WRITTEN.add(dir + "|" + function + "|" + line)) {
            return;
        }
        try {
            Path file = Path.of(dir).resolve(function + ".jsonl");
            Files.createDirectories(file.getParent());
            synchronized (AwsCallRecorder.class) {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot record an AWS call in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What the request names, in the service's own terms: table[/index/name], a queue URL, a secret id or name. */
    static List<String> resources(SdkRequest request) {
        List<String> out = new ArrayList<>();
        Optional<String> table = request.getValueForField("TableName", String.class);
        Optional<String> index = request.getValueForField("IndexName", String.class);
        table.ifPresent(t -> out.add(index.map(i -> "table/" + t + "/index/" + i).orElse("table/" + t)));
        request.getValueForField("RequestItems", Map.class).ifPresent(items -> items.keySet()
                .forEach(t -> out.add("table/" + t)));
        request.getValueForField("TransactItems", List.class).ifPresent(items -> out.add("transact:" + items.size()));
        request.getValueForField("QueueUrl", String.class).ifPresent(out::add);
        request.getValueForField("SecretId", String.class).ifPresent(id -> out.add("secret:" + id));
        if (request.getClass().getName().endsWith("CreateSecretRequest")) {
            request.getValueForField("Name", String.class).ifPresent(name -> out.add("secret:" + name));
        }
        return out;
    }

    private static String setting(String env, String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
