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
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

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
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    public static final String FUNCTION_PROPERTY = "shopkhaos.aws-calls.function";
    public static final String DIR_PROPERTY = "shopkhaos.aws-calls.dir";
    public static final String IGNORE_PROPERTY = "shopkhaos.aws-calls.ignore";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /** Lines already written: a flow test makes the same call thousands of times, the file needs it once. */
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    /** Runs {@code work} as one invocation of {@code function}: the AWS calls it makes on this thread are that function's. */
    public static <T> T asFunction(String function, Supplier<T> work) {
        String outer = CURRENT.get();
        CURRENT.set(function);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** From now on the calls made on this thread are {@code function}'s (null: nobody's); for a request's filters. */
    public static void currentFunction(String function) {
        if (function == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(function);
        }
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
