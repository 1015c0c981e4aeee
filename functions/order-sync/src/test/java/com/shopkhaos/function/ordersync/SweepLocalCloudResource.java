package com.shopkhaos.function.ordersync;

import com.shopkhaos.emulator.SharedLocalCloud;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the sweep function against the emulators, with the environment template.yaml gives it. */
public class SweepLocalCloudResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return SharedLocalCloud.get().quarkusTestConfiguration("OrderSweepFunction");
    }

    @Override
    public void stop() {
        // the shared cloud stops with the JVM
    }
}
