package com.shopkhaos.sandbox;

import static com.shopkhaos.sandbox.DespatchFlowIT.awaitLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The nightly reconciliation at a busy day's scale: a few orders through the whole flow (they agree), and many more the
 * shop took while its webhooks were lost and the sweep was off (each NOT_IN_LEDGER, each one exception), so the run
 * reads every order of the day from the shop, every ledger entry, and raises as much as a night ever would. Prints the
 * run's wall time, the Admin API calls and the CSV's size for the note; asserts what the report says and that the shop
 * was read in pages of 500, not order by order.
 *
 * <p>CI runs 300 orders; {@code ./mvnw -Pfull-scale verify -pl sandbox -am -Dit.test=ReconciliationScaleIT} runs 20,000.
 */
class ReconciliationScaleIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int LOST = Integer.getInteger("shopkhaos.reconciliation.orders", FULL ? 20_000 : 300);
    static final int THROUGH = FULL ? 100 : 10;
    static final Duration LONG = Duration.ofMinutes(15);
    private static final List<String> SKUS = List.of("SCARF-MER-GRY", "HAT-BEANIE-NVY", "SOCKS-WOOL-3PK");

    @Test
    void aBusyDay_isReconciledFromPagesOfTheShop_withOneLineAndAtMostOneProblemPerOrder() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "reconScale000001"))) {
            LocalDate day = LocalDate.now(ZoneId.of("Europe/London"));
            List<JsonNode> through = new ArrayList<>();
            for (int i = 0; i < THROUGH; i++) {
                through.add(place(sandbox, SKUS.get(i % SKUS.size())));
            }
            for (JsonNode o : through) {
                awaitLedger(sandbox, o.path("id").asText(), e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");
            }
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":1}");
            Instant placing = Instant.now();
            BigDecimal lostGross = BigDecimal.ZERO;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<JsonNode>> placed = new ArrayList<>();
                for (int i = 0; i < LOST; i++) {
                    String sku = SKUS.get(i % SKUS.size());
                    placed.add(pool.submit(() -> place(sandbox, sku)));
                }
                for (Future<JsonNode> f : placed) {
                    lostGross = lostGross.add(new BigDecimal(f.get().path("amountTotal").asText()));
                }
            } finally {
                pool.shutdown();
            }
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":0}");
            System.out.printf("reconciliation scale: %d orders placed without webhooks in %d s%n", LOST,
                    Duration.between(placing, Instant.now()).toSeconds());

            Map<String, Long> before = requestCounts(sandbox);
            Instant start = Instant.now();
            JsonNode run = sandbox.json(LONG, "POST", "/sandbox/reconciliation/run?date=" + day, null);
            Duration took = Duration.between(start, Instant.now());
            Map<String, Long> calls = since(before, requestCounts(sandbox));
            Instant again = Instant.now();
            sandbox.json(LONG, "POST", "/sandbox/reconciliation/run?date=" + day, null);
            Duration tookAgain = Duration.between(again, Instant.now());

            JsonNode summary = run.path("summary");
            int total = LOST + THROUGH;
            assertThat(run.path("lines").asInt()).isEqualTo(total);
            assertThat(summary.path("orders").asInt()).isEqualTo(total);
            assertThat(reason(summary, "NOT_IN_LEDGER").path("orders").asInt()).isEqualTo(LOST);
            assertThat(reason(summary, "OK").path("orders").asInt()).isEqualTo(THROUGH);
            assertThat(new BigDecimal(reason(summary, "NOT_IN_LEDGER").path("shopGross").asText())).isEqualByComparingTo(lostGross);
            long pages = (total + 499) / 500;
            assertThat(calls.getOrDefault("POST /api/search/order", 0L)).as("the day and its changes read 500 orders a page: " + calls)
                    .isLessThanOrEqualTo(2 * pages + 2);
            HttpResponse<String> csv = sandbox.send(LONG, "GET", "/ops/api/reconciliation/" + day + ".csv", null,
                    "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
            assertThat(csv.statusCode()).isEqualTo(200);
            long csvBytes = csv.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            System.out.printf("reconciliation scale: %d orders (%d NOT_IN_LEDGER, each raised) reconciled in %d ms, again (nothing new "
                            + "to raise) in %d ms; Admin API calls %s; CSV %d bytes (%s)%n", total, LOST, took.toMillis(),
                    tookAgain.toMillis(), calls, csvBytes, csv.headers().firstValue("Content-Type").orElse(""));
            // once more, measured (two collections, so not timed): the run's memory against the function's 1024 MB
            JsonNode memory = sandbox.json(LONG, "POST", "/sandbox/reconciliation/run?measure=true&date=" + day, null).path("memory");
            assertThat(memory.path("heapPeakMb").asLong()).as("measured: " + memory).isPositive();
            System.out.printf("reconciliation scale: memory of a %d-order run in the sandbox's JVM: %s%n", total, memory);
        }
    }

    private static JsonNode place(RunningSandbox sandbox, String sku) throws Exception {
        return sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"shippingMethod\":\"standard\","
                + "\"paid\":true,\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}");
    }

    private static JsonNode reason(JsonNode summary, String reason) {
        for (JsonNode r : summary.path("reasons")) {
            if (r.path("reason").asText().equals(reason)) {
                return r;
            }
        }
        return RunningSandbox.JSON.createObjectNode();
    }

    private static Map<String, Long> requestCounts(RunningSandbox sandbox) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        JsonNode node = sandbox.json("GET", "/shopware-sim/_control", null).path("requestCounts");
        node.fieldNames().forEachRemaining(k -> counts.put(k, node.path(k).asLong()));
        return counts;
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> calls = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                calls.put(k, d);
            }
        });
        return calls;
    }
}
