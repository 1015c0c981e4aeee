package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * Faults on demand, drawn from a seed so a failing run can be replayed: Admin API errors, latency
 * and timeouts; webhook copies, duplicates, reordering and drops.
 */
public final class SimFaults {

    /** The knobs; all off by default. Rates are probabilities from 0 to 1. */
    public record Settings(long seed,
                           double apiErrorRate, long apiLatencyMs, double apiTimeoutRate, long apiTimeoutMs,
                           int webhookCopies, double webhookDuplicateRate, double webhookOutOfOrderRate,
                           long webhookOutOfOrderDelayMs, double webhookDropRate, double apiAnswerLostRate) {

        public static Settings none(long seed) {
            return new Settings(seed, 0, 0, 0, 30_000, 1, 0, 0, 1_500, 0, 0);
        }

        public Settings {
            checkRate("apiErrorRate", apiErrorRate);
            checkRate("apiTimeoutRate", apiTimeoutRate);
            checkRate("webhookDuplicateRate", webhookDuplicateRate);
            checkRate("webhookOutOfOrderRate", webhookOutOfOrderRate);
            checkRate("webhookDropRate", webhookDropRate);
            checkRate("apiAnswerLostRate", apiAnswerLostRate);
            if (webhookCopies < 1 || webhookCopies > 10) {
                throw new IllegalArgumentException("webhookCopies must be 1 to 10");
            }
            if (apiLatencyMs < 0 || apiTimeoutMs < 0 || webhookOutOfOrderDelayMs < 0) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }

        private static void checkRate(String name, double rate) {
            if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                throw new IllegalArgumentException(name + " must be between 0 and 1");
            }
        }

        /** These settings with the fields present in {@code patch} changed. */
        public Settings merge(JsonNode patch) {
            return new Settings(
                    patch.path("seed").asLong(seed),
                    patch.path("apiErrorRate").asDouble(apiErrorRate),
                    patch.path("apiLatencyMs").asLong(apiLatencyMs),
                    patch.path("apiTimeoutRate").asDouble(apiTimeoutRate),
                    patch.path("apiTimeoutMs").asLong(apiTimeoutMs),
                    patch.path("webhookCopies").asInt(webhookCopies),
                    patch.path("webhookDuplicateRate").asDouble(webhookDuplicateRate),
                    patch.path("webhookOutOfOrderRate").asDouble(webhookOutOfOrderRate),
                    patch.path("webhookOutOfOrderDelayMs").asLong(webhookOutOfOrderDelayMs),
                    patch.path("webhookDropRate").asDouble(webhookDropRate),
                    patch.path("apiAnswerLostRate").asDouble(apiAnswerLostRate));
        }

        public ObjectNode toJson() {
            return SimJson.object().put("seed", seed)
                    .put("apiErrorRate", apiErrorRate).put("apiLatencyMs", apiLatencyMs)
                    .put("apiTimeoutRate", apiTimeoutRate).put("apiTimeoutMs", apiTimeoutMs)
                    .put("webhookCopies", webhookCopies).put("webhookDuplicateRate", webhookDuplicateRate)
                    .put("webhookOutOfOrderRate", webhookOutOfOrderRate)
                    .put("webhookOutOfOrderDelayMs", webhookOutOfOrderDelayMs)
                    .put("webhookDropRate", webhookDropRate).put("apiAnswerLostRate", apiAnswerLostRate);
        }
    }

    private Settings settings;
    private Random random;

    public SimFaults(Settings settings) {
        set(settings);
    }

    public synchronized void set(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    public synchronized Settings settings() {
        return settings;
    }

    synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
