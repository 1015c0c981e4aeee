package com.shopkhaos.emulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A function's Quarkus tests against the shared emulators, with the environment {@code template.yaml} gives that
 * function: {@code @WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function",
 * value = "StockPushFunction"))}. Only tests use it ({@code quarkus-test-common} is provided by them).
 */
public class FunctionLocalCloud implements QuarkusTestResourceLifecycleManager {
    private String function;

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.get("function");
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("name the function's logical id in template.yaml: initArgs function=…");
        }
    }

    @Override
    public Map<String, String> start() {
        return SharedLocalCloud.get().quarkusTestConfiguration(function);
    }

    @Override
    public void stop() {
        // the shared cloud stops with the JVM
    }
}
