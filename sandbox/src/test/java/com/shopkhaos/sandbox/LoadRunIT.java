package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a load driver: valid paid orders placed from four threads at {@code shopkhaos.load.rate} a
 * second (8 by default; 0 = as fast as the simulated shop takes them, to find the capacity), followed to their import by the simulated Khaos (which asks for orders every half second).
 * Prints throughput (placed → imported) and the delay from the webhook's arrival to Khaos's import (p50,
 * p95, max) for the note; asserts only that every order arrived once. Small in CI;
 * {@code ./mvnw -Pfull-scale verify -pl sandbox -Dit.test=LoadRunIT} places 2,000.
 *
 * <p>It also prints what an order costs ({@link CostPerOrder}): the AWS calls per order from the webhook to IMPORTED,
 * the stock pushes the orders caused, and (after Khaos despatches {@link #DESPATCHED} of them) the despatch to
 * WRITTEN_BACK, with the Admin API requests of each and the AWS list price per 1,000 orders and per month.
 */
class LoadRunIT {
    /** Orders placed: 60 in CI, 2,000 at full scale, or {@code -Dshopkhaos.load.orders}. */
    static final int ORDERS = Integer.getInteger("shopkhaos.load.orders", FaultRunIT.FULL ? 2000 : 60);
    /** Orders Khaos then despatches, for the despatch's share of the cost (all at full scale; a sample in CI). */
    static final int DESPATCHED = FaultRunIT.FULL ? ORDERS : Math.min(ORDERS, 12);
    /** Orders a second (0: as fast as the shop takes them, to find the capacity). */
    static final double RATE = Double.parseDouble(System.getProperty("shopkhaos.load.rate", "8"));
    /** Stock-push consumers: the template's {@code QueueConsumerConcurrency} default (5), or {@code -Dshopkhaos.load.stock-workers}. */
    static final String STOCK_PUSH_WORKERS = System.getProperty("shopkhaos.load.stock-workers", "5");
    /** How the simulated shop sends webhooks: {@code sync} (Shopware's default) or {@code queued}, or {@code -Dshopkhaos.load.webhook-mode}. */
    static final String WEBHOOK_MODE = System.getProperty("shopkhaos.load.webhook-mode", "sync");
    private static final List<String> SKUS = List.of("SCARF-MER-GRY", "HAT-BEANIE-NVY", "SOCKS-WOOL-3PK", "CANDLE-SOY-LRG",
            "KIDS-COAT-5Y", "TSHIRT-ORG-BLK-M");

    @Test
    void placedOrders_areImportedOnce_andThroughputAndDelayAreReported() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SHOPWARE_SHOP_ID", "loadShop00000001", "STOCK_SETTLE", "5s", "SANDBOX_DYNAMODB_CAPACITY", "true",
                "SANDBOX_STOCK_PUSH_WORKERS", STOCK_PUSH_WORKERS, "SANDBOX_WEBHOOK_MODE", WEBHOOK_MODE))) {
            sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"pollSeconds\":0.5}");
            CostPerOrder.Snapshot before = CostPerOrder.read(sandbox);
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            List<String> numbers = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            PropagationProbe probe = new PropagationProbe(sandbox);
            Thread probing = new Thread(probe, "propagation-probe");
            Instant start = Instant.now();
            probing.start();
            try {
                List<Future<?>> placed = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    if (RATE > 0) {
                        long due = start.toEpochMilli() + Math.round(i * 1000 / RATE);
                        Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                    }
                    String body = "{\"customer\":\"" + (i % 2 == 0 ? "jane" : "omar") + "\",\"lines\":[{\"sku\":\""
                            + SKUS.get(i % SKUS.size()) + "\",\"quantity\":1},{\"sku\":\"" + SKUS.get((i + 1) % SKUS.size())
                            + "\",\"quantity\":2}],\"shippingMethod\":\"standard\",\"paid\":true}";
                    placed.add(pool.submit(() -> {
                        JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", body);
                        ids.add(order.path("id").asText());
                        numbers.add(order.path("orderNumber").asText());
                        return null;
                    }));
                }
                for (Future<?> f : placed) {
                    f.get();
                }
            } finally {
                probe.stop();
                probing.join(30_000);
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            Duration placing = Duration.between(start, Instant.now());

            Instant deadline = Instant.now().plusSeconds(FaultRunIT.FULL ? 900 : 120);
            int imported = 0;
            while (Instant.now().isBefore(deadline)) {
                imported = FaultRunIT.byState(sandbox).getOrDefault("IMPORTED", List.of()).size();
                if (imported >= ORDERS) {
                    break;
                }
                Thread.sleep(200);
            }
            Duration total = Duration.between(start, Instant.now());
            assertThat(imported).as("every order imported").isEqualTo(ORDERS);

            List<Long> toImport = new ArrayList<>();
            List<Long> toReady = new ArrayList<>();
            Instant lastImport = start;
            for (String id : ids) {
                JsonNode entry = sandbox.json("GET", "/sandbox/orders/" + id, null);
                Instant received = Instant.parse(entry.path("createdAt").asText());
                for (JsonNode line : entry.path("timeline")) {
                    Instant at = Instant.parse(line.path("at").asText());
                    if (line.path("event").asText().endsWith("→ READY")) {
                        toReady.add(Duration.between(received, at).toMillis());
                    }
                    if (line.path("event").asText().endsWith("→ IMPORTED")) {
                        toImport.add(Duration.between(received, at).toMillis());
                        lastImport = at.isAfter(lastImport) ? at : lastImport;
                    }
                }
            }
            JsonNode kcc = sandbox.json("GET", "/khaos-sim/_control/orders", null).path("orders");
            assertThat(kcc.size()).as("each exactly once in Khaos").isEqualTo(ORDERS);
            Collections.sort(toImport);
            Collections.sort(toReady);
            double seconds = Duration.between(start, lastImport).toMillis() / 1000.0;
            System.out.printf("load run (%s, webhooks " + WEBHOOK_MODE + ", " + STOCK_PUSH_WORKERS + " stock-push workers): %d orders placed in %.1f s (%.1f orders/s); all imported %.1f s after the first was placed: "
                            + "%.1f orders/s placed→imported; webhook→READY p50 %d ms p95 %d ms; webhook→IMPORTED p50 %d ms p95 %d ms "
                            + "max %d ms (Khaos polling every 0.5 s); wall %d s%n",
                    RATE > 0 ? "paced at " + RATE + "/s" : "as fast as the shop takes them", ORDERS, placing.toMillis() / 1000.0, ORDERS / (placing.toMillis() / 1000.0), seconds, ORDERS / seconds,
                    percentile(toReady, 50), percentile(toReady, 95), percentile(toImport, 50), percentile(toImport, 95),
                    toImport.get(toImport.size() - 1), total.toSeconds());

            List<Long> propagation = probe.millis();
            assertThat(probe.failure()).as("the propagation probe's changes reached the shop").isNull();
            if (!propagation.isEmpty()) {
                System.out.printf("stock propagation under load (paced at %s/s, %s stock-push workers; Khaos change → shop updated, %d changes of %s while the "
                                + "orders were placed): p50 %d ms, p95 %d ms, max %d ms%n", RATE, STOCK_PUSH_WORKERS, propagation.size(), PropagationProbe.SKU,
                        percentile(propagation, 50), percentile(propagation, 95), propagation.get(propagation.size() - 1));
            }

            stockQuiet(sandbox);
            CostPerOrder.Snapshot allImported = CostPerOrder.read(sandbox);
            List<String> despatched = new ArrayList<>(numbers.subList(0, DESPATCHED));
            for (String number : despatched) {
                sandbox.json("POST", "/khaos-sim/_control/orders/" + number + "/despatch", "{}");
            }
            Await.until(DESPATCHED + " orders written back", Duration.ofSeconds(FaultRunIT.FULL ? 900 : 120),
                    () -> FaultRunIT.byState(sandbox).getOrDefault("WRITTEN_BACK", List.of()),
                    written -> written.containsAll(despatched));
            Await.khaosPushesHandled(sandbox, "despatch", Duration.ofSeconds(60));
            stockQuiet(sandbox);
            CostPerOrder.Snapshot done = CostPerOrder.read(sandbox);

            CostPerOrder.PartCost order = CostPerOrder.cost(allImported.since(before), CostPerOrder.Part.ORDER, CostPerOrder.Part.ORDER, ORDERS);
            CostPerOrder.PartCost stock = CostPerOrder.cost(done.since(before), CostPerOrder.Part.ORDER, CostPerOrder.Part.STOCK, ORDERS);
            CostPerOrder.PartCost despatch = CostPerOrder.cost(done.since(allImported), CostPerOrder.Part.DESPATCH,
                    CostPerOrder.Part.DESPATCH, DESPATCHED);
            System.out.print("cost per order (" + ORDERS + " orders, " + DESPATCHED + " despatched):\n"
                    + CostPerOrder.describe("  order, webhook → IMPORTED", order)
                    + CostPerOrder.describe("  stock pushes the orders caused", stock)
                    + CostPerOrder.describe("  despatch → WRITTEN_BACK", despatch)
                    + CostPerOrder.prices(List.of(order, stock, despatch)));
            assertThat(order.dynamoCalls()).as("the order's own DynamoDB calls were counted").isPositive();
            assertThat(order.adminCalls()).as("the order's Admin API requests were counted").isPositive();
            assertThat(despatch.adminCalls()).as("the write-back's Admin API requests were counted").isPositive();
        }
    }

    /** Khaos has nothing left to push and the stock-push queue is empty, the pushes held for the settle time included. */
    private static void stockQuiet(RunningSandbox sandbox) throws Exception {
        int[] quiet = {0};
        Await.until("the stock pushes the orders caused, handled", Duration.ofSeconds(120), Duration.ofMillis(300), () -> {
            boolean idle = sandbox.json("GET", "/khaos-sim/_control/pushes", null).path("idle").asBoolean();
            JsonNode status = sandbox.json("GET", "/sandbox/stock", null);
            return idle && status.path("queued").asInt(-1) == 0 && status.path("inProgress").asInt(-1) == 0
                    && status.path("delayed").asInt(-1) == 0;
        }, drained -> (quiet[0] = drained ? quiet[0] + 1 : 0) >= 3);
    }

    /**
     * Changes a product no order touches in Khaos, one change at a time while the orders are placed, and times each
     * until the shop shows Khaos's new Available: the propagation delay at the load's rate, for the oversell simulation.
     */
    static final class PropagationProbe implements Runnable {
        static final String SKU = "BLANKET-WOOL-KING";
        private final RunningSandbox sandbox;
        private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopped;
        private volatile Exception failure;

        PropagationProbe(RunningSandbox sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; !stopped; i++) {
                    sandbox.json("PUT", "/khaos-sim/_control/stock/" + SKU + "/sites/1", "{\"physical\":" + (200 + i % 50) + "}");
                    int expected = -1;
                    for (JsonNode s : sandbox.json("GET", "/khaos-sim/_control/stock/" + SKU, null).path("sites")) {
                        expected = s.path("site").asInt() == 1 ? s.path("available").asInt() : expected;
                    }
                    int wanted = expected;
                    Instant changed = Instant.now();
                    // the orders all placed, a change still on its way is not waited for: the probe measures the load
                    int shown = Await.until(SKU + " in the shop: " + wanted, Duration.ofSeconds(120), Duration.ofMillis(50),
                            () -> sandbox.json("GET", "/shopware-sim/_control/products/" + SKU, null).path("stock").asInt(),
                            stock -> stock == wanted || stopped);
                    if (shown == wanted) {
                        millis.add(Duration.between(changed, Instant.now()).toMillis());
                    }
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        void stop() {
            stopped = true;
        }

        Exception failure() {
            return failure;
        }

        List<Long> millis() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted;
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
