package com.shopkhaos.sandbox;

import com.shopkhaos.model.ops.OpsMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alarms' figures in the sandbox: instead of CloudWatch, kept here (how many arrived and when the last one did, the
 * latest levels) for the health view.
 */
@ApplicationScoped
public class SandboxMetrics implements OpsMetrics {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Instant> last = new ConcurrentHashMap<>();
    private final Map<String, Double> levels = new ConcurrentHashMap<>();

    @Override
    public void counted(String name) {
        counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        last.put(name, Instant.now());
    }

    @Override
    public void level(String name, double value) {
        levels.put(name, value);
        last.put(name, Instant.now());
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> byName = new TreeMap<>();
        for (String name : new TreeSet<>(last.keySet())) {
            Map<String, Object> one = new LinkedHashMap<>();
            if (counts.containsKey(name)) {
                one.put("count", counts.get(name).get());
            }
            if (levels.containsKey(name)) {
                one.put("value", levels.get(name));
            }
            one.put("last", last.get(name).toString());
            one.put("secondsAgo", Duration.between(last.get(name), Instant.now()).toSeconds());
            byName.put(name, one);
        }
        out.put("metrics", byName);
        return out;
    }
}
