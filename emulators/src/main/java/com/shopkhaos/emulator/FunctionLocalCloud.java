package com.shopkhaos.emulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A function's Quarkus tests against the shared emulators, with the environment {@code template.yaml} gives that
 * function: {@code @WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function",
 * value = "StockPushFunction"))}; an init arg {@code overrides} ({@code "OPS_AUTH=key,…"}) changes some of it. Only tests use it ({@code quarkus-test-common} is provided by them).
 */
public class FunctionLocalCloud implements QuarkusTestResourceLifecycleManager {
    private String function;
    private final Map<String, String> overrides = new java.util.HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.get("function");
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("name the function's logical id in template.yaml: initArgs function=…");
        }
        for (String pair : initArgs.getOrDefault("overrides", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                overrides.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> configuration = new java.util.HashMap<>(SharedLocalCloud.get().quarkusTestConfiguration(function));
        configuration.putAll(overrides);
        // the AWS calls this function's clients make from now on are recorded as its own (AwsCallRecorder, which each
        // function's application.properties names as an interceptor in the test profile)
        System.setProperty(AwsCallRecorder.FUNCTION_PROPERTY, function);
        return configuration;
    }

    @Override
    public void stop() {
        // the shared cloud stops with the JVM
    }
}
