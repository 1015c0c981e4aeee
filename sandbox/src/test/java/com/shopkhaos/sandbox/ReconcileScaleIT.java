package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The full reconcile at catalogue scale: both simulators get the same generated catalogue, 1% of the shop's
 * products then drift (as when someone edits stock in the admin), and one reconcile must repair exactly those,
 * in the fewest sync requests (changed rows / STOCK_SYNC_BATCH, rounded up), reading the shop 500 products a
 * page. Prints the Admin API calls and the wall time for the note.
 *
 * <p>CI runs 2,000 products; {@code ./mvnw -Pfull-scale verify -pl sandbox -Dit.test=ReconcileScaleIT} runs 50,000.
 */
class ReconcileScaleIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int PRODUCTS = Integer.getInteger("shopkhaos.reconcile.products", FULL ? 50_000 : 1_000);
    static final int BATCH = 100;
    static final int STOCK = 7;
    static final Duration LONG = Duration.ofMinutes(10);

    @Test
    void aReconcile_writesOnlyTheDriftedProducts_inTheFewestSyncRequests() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "60", "SANDBOX_STOCK_RECONCILE_SECONDS", "0",
                "SANDBOX_SWEEP_SECONDS", "0", "STOCK_SYNC_BATCH", Integer.toString(BATCH), "SHOPWARE_SHOP_ID", "scaleShop0000001"))) {
            Await.khaosIdle(sandbox, Duration.ofSeconds(60));
            sandbox.json("PUT", "/sandbox/stock", "{\"running\":false}"); // only the reconcile writes from here on

            Instant generating = Instant.now();
            sandbox.json(LONG, "POST", "/shopware-sim/_control/products/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"GEN-\",\"stock\":" + STOCK + "}");
            sandbox.json(LONG, "POST", "/khaos-sim/_control/items/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"GEN-\",\"physical\":" + STOCK + "}");
            Await.khaosIdle(sandbox, Duration.ofSeconds(FULL ? 1800 : 180));
            System.out.printf("reconcile scale: %d products generated in both simulators and Khaos's pushes stored in %d s%n", PRODUCTS,
                    Duration.between(generating, Instant.now()).toSeconds());

            JsonNode first = sandbox.json(LONG, "POST", "/sandbox/stock/reconcile", null).path(0);
            System.out.println("reconcile scale: first reconcile (brings the seeded catalogue in line) " + first);
            assertThat(first.path("products").asInt()).isGreaterThanOrEqualTo(PRODUCTS);

            List<Integer> numbers = new ArrayList<>();
            for (int i = 1; i <= PRODUCTS; i++) {
                numbers.add(i);
            }
            Collections.shuffle(numbers, new Random(20261127L));
            List<String> drifted = numbers.subList(0, PRODUCTS / 100).stream().map(i -> String.format("GEN-%07d", i)).toList();
            for (String sku : drifted) {
                sandbox.json("PUT", "/shopware-sim/_control/products/" + sku + "/stock", "{\"stock\":" + (STOCK + 5) + "}");
            }

            Map<String, Long> before = requestCounts(sandbox);
            Instant start = Instant.now();
            JsonNode report = sandbox.json(LONG, "POST", "/sandbox/stock/reconcile", null).path(0);
            Duration took = Duration.between(start, Instant.now());
            Map<String, Long> calls = new TreeMap<>();
            requestCounts(sandbox).forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d > 0) {
                    calls.put(k, d);
                }
            });

            int expectedSyncs = (drifted.size() + BATCH - 1) / BATCH;
            assertThat(report.path("differing").asInt()).as("only the drifted products differ").isEqualTo(drifted.size());
            assertThat(report.path("written").asInt()).isEqualTo(drifted.size());
            assertThat(calls.getOrDefault("POST /api/_action/sync", 0L)).as("the fewest sync requests").isEqualTo(expectedSyncs);
            assertThat(calls.getOrDefault("POST /api/search/product", 0L)).as("the shop read 500 products a page")
                    .isEqualTo((long) report.path("pages").asInt());
            for (String sku : drifted.subList(0, Math.min(50, drifted.size()))) {
                assertThat(sandbox.json("GET", "/shopware-sim/_control/products/" + sku, null).path("stock").asInt()).as(sku).isEqualTo(STOCK);
            }
            System.out.printf("reconcile scale: %d products, %d drifted: %d written in %d sync requests (batch %d), "
                            + "%d pages read; Admin API calls %s; reconcile wall time %d ms (its own measure %s; ms by step %s)%n",
                    report.path("products").asInt(), drifted.size(), report.path("written").asInt(),
                    calls.getOrDefault("POST /api/_action/sync", 0L), BATCH, report.path("pages").asInt(), calls, took.toMillis(),
                    report.path("took").asText(), report.path("millisByStep"));
        }
    }

    private static Map<String, Long> requestCounts(RunningSandbox sandbox) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        JsonNode node = sandbox.json("GET", "/shopware-sim/_control", null).path("requestCounts");
        node.fieldNames().forEachRemaining(k -> counts.put(k, node.path(k).asLong()));
        return counts;
    }

}
