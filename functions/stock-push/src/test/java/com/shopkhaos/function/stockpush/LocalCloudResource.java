package com.shopkhaos.function.stockpush;

import com.shopkhaos.emulator.SharedLocalCloud;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the function against the emulators, with the environment template.yaml gives it. */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return SharedLocalCloud.get().quarkusTestConfiguration("StockPushFunction");
    }

    @Override
    public void stop() {
        // the shared cloud stops with the JVM
    }
}
