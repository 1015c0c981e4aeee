package com.shopkhaos.emulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A function's Quarkus tests against the shared emulators, with the environment {@code template.yaml} gives that
 * function: {@code @WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function",
 * value = "StockPushFunction"))}; an init arg {@code overrides} ({@code "OPS_AUTH=key,…"}) changes some of it, and an init
 * arg {@code secrets} ({@code "OPS_API_KEY_SECRET_ARN=the value,…"}) creates a secret the template does not declare
 * ({@code <stack>/test/<variable>}) and sets the variable to its ARN. Only tests use it ({@code quarkus-test-common} is
 * provided by them).
 */
public class FunctionLocalCloud implements QuarkusTestResourceLifecycleManager {
    private String function;
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.get("function");
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("name the function's logical id in template.yaml: initArgs function=…");
        }
        pairs(initArgs.getOrDefault("overrides", ""), overrides);
        pairs(initArgs.getOrDefault("secrets", ""), secrets);
    }

    private static void pairs(String list, Map<String, String> into) {
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> configuration = new HashMap<>(SharedLocalCloud.get().quarkusTestConfiguration(function));
        configuration.putAll(overrides);
        // the AWS calls this function's clients make from now on are recorded as its own (AwsCallRecorder, which each
        // function's application.properties names as an interceptor in the test profile), but only while it runs with the
        // environment the template gives it: a test that changes it (the sandbox's ops key) is not what AWS runs
        if (overrides.isEmpty() && secrets.isEmpty()) {
            System.setProperty(AwsCallRecorder.FUNCTION_PROPERTY, function);
        } else {
            System.clearProperty(AwsCallRecorder.FUNCTION_PROPERTY);
        }
        secrets.forEach((variable, value) -> configuration.put(variable, SharedLocalCloud.get().putSecret("test/" + variable, value)));
        return configuration;
    }

    @Override
    public void stop() {
        // the shared cloud stops with the JVM
    }
}
