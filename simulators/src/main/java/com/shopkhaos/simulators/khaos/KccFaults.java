package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.util.Random;

/**
 * The simulated Khaos's faults, drawn from a seed: orders that fail to import for Khaos's own reasons,
 * and pushes that are slow, abandoned (KCC stops waiting and sends again), duplicated or overtaken.
 */
final class KccFaults {

    /** The knobs; all off by default. Rates are probabilities from 0 to 1. */
    record Settings(long seed, double importErrorRate, long pushLatencyMs, double pushTimeoutRate, double pushDuplicateRate,
                    double pushOutOfOrderRate, long pushOutOfOrderDelayMs) {

        static Settings none(long seed) {
            return new Settings(seed, 0, 0, 0, 0, 0, 1_500);
        }

        Settings {
            for (double rate : new double[] {importErrorRate, pushTimeoutRate, pushDuplicateRate, pushOutOfOrderRate}) {
                if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                    throw new IllegalArgumentException("rates must be between 0 and 1");
                }
            }
            if (pushLatencyMs < 0 || pushOutOfOrderDelayMs < 0) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }

        Settings merge(JsonNode patch) {
            return new Settings(patch.path("seed").asLong(seed), patch.path("importErrorRate").asDouble(importErrorRate),
                    patch.path("pushLatencyMs").asLong(pushLatencyMs), patch.path("pushTimeoutRate").asDouble(pushTimeoutRate),
                    patch.path("pushDuplicateRate").asDouble(pushDuplicateRate),
                    patch.path("pushOutOfOrderRate").asDouble(pushOutOfOrderRate),
                    patch.path("pushOutOfOrderDelayMs").asLong(pushOutOfOrderDelayMs));
        }

        ObjectNode toJson() {
            return SimJson.object().put("seed", seed).put("importErrorRate", importErrorRate).put("pushLatencyMs", pushLatencyMs)
                    .put("pushTimeoutRate", pushTimeoutRate).put("pushDuplicateRate", pushDuplicateRate)
                    .put("pushOutOfOrderRate", pushOutOfOrderRate).put("pushOutOfOrderDelayMs", pushOutOfOrderDelayMs);
        }
    }

    private Settings settings;
    private Random random;

    KccFaults(Settings settings) {
        set(settings);
    }

    synchronized void set(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    synchronized Settings settings() {
        return settings;
    }

    synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
