package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The stock fault run: while 20% of the shop's Admin API calls fail and Khaos sends a fifth of its pushes twice,
 * Khaos's stock moves (goods in, counts, other channels selling) and the shop takes orders. Once the traffic
 * stops and every order is in Khaos, the shop's stock of every product in both catalogues equals the sellable
 * figure worked out here from the simulated Khaos's own levels: max(0, Available at site 1 − buffer), with no
 * order left in flight. The scheduled reconcile is off, so the figures come from the event-driven path alone.
 *
 * <p>CI runs it small (200 generated products besides the seeded ones); {@code ./mvnw -Pfull-scale verify -pl sandbox
 * -Dit.test=StockFaultRunIT} runs 2,000 products, 2,000 stock changes and 400 orders.
 */
class StockFaultRunIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int STOCK_CHANGES = FULL ? 2000 : 100;
    static final int ORDERS = FULL ? 400 : 30;
    static final int GENERATED = FULL ? 2000 : 200;
    static final long SEED = 20261127L;
    static final int GLOBAL_BUFFER = 1;
    static final String BUFFERED_CODE = "SCARF-MER-GRY";
    static final int CODE_BUFFER = 3;
    /** An imported order's hold stops counting this long after Khaos reported it, when no newer figure came. */
    static final String SETTLE = "20s";
    private static final List<String> ORDER_SKUS = List.of("SCARF-MER-GRY", "HAT-BEANIE-NVY", "TSHIRT-ORG-BLK-M", "SOCKS-WOOL-3PK",
            "SOCKS-BAMBOO-2PK", "KIDS-COAT-5Y", "BOOK-KNIT-GUIDE", "CANDLE-SOY-LRG", "TSHIRT-ORG-BLK-L", "KIDS-WELLIES-9");

    /** A shop product and the Khaos code it sells, with what the shop must show. */
    record Expected(String sku, String code, int sellable) {
    }

    @Test
    void underFaults_theShopEndsWithTheSellableFigure_forEveryProduct() throws Exception {
        run("default");
    }

    /**
     * KCC's unknowns at their hostile side: order statuses gathered several to a post, pushes in parallel (so Khaos's
     * figure that already takes an order's units can land before the order's status), pushes given up after 3 tries.
     * The held units stop counting when the settle time runs out, and the push scheduled for then writes them.
     */
    @Test
    void underFaults_andKhaosPushingInParallel_theShopEndsWithTheSellableFigure_forEveryProduct() throws Exception {
        run("hostile");
    }

    /** One run with both simulators' unknowns at {@code profile}; a short settle time, so its scheduled pushes come. */
    private static void run(String profile) throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.ofEntries(Map.entry("KHAOS_SIM_POLL_SECONDS", "1"),
                Map.entry("SANDBOX_STOCK_RECONCILE_SECONDS", "0"), Map.entry("SANDBOX_SWEEP_SECONDS", "3"),
                Map.entry("ORDER_SWEEP_GRACE", "20s"), Map.entry("SANDBOX_STOCK_PUSH_WORKERS", "3"),
                Map.entry("STOCK_BUFFER", Integer.toString(GLOBAL_BUFFER)), Map.entry("STOCK_SETTLE", SETTLE),
                Map.entry("SHOPWARE_SHOP_ID", "stockFaults00001"), Map.entry("SANDBOX_SEED", Long.toString(SEED)),
                Map.entry("KHAOS_SIM_SETTINGS", "{\"profile\":\"" + profile + "\"}")))) {
            Instant begin = Instant.now();
            // the shop at the same side: Shopware 6.7, variants answered raw as the Admin API does
            sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"profile\":\"" + profile + "\"}");
            sandbox.json("PUT", "/sandbox/mappings/BUFFER/" + BUFFERED_CODE, "{\"value\":\"" + CODE_BUFFER + "\"}");
            sandbox.json("POST", "/shopware-sim/_control/products/generate", "{\"count\":" + GENERATED + ",\"prefix\":\"RUN-\",\"stock\":6}");
            sandbox.json("POST", "/khaos-sim/_control/items/generate", "{\"count\":" + GENERATED + ",\"prefix\":\"RUN-\",\"physical\":6}");
            awaitQuiet(sandbox, Duration.ofSeconds(FULL ? 600 : 120));
            List<String> codes = khaosCodes(sandbox);
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"seed\":" + SEED + ",\"apiErrorRate\":0.2}");
            sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"seed\":" + SEED + ",\"pushDuplicateRate\":0.2}");

            Map<String, Integer> traffic = traffic(sandbox, codes);
            System.out.printf("stock fault run (simulators " + profile + "): %s in %d s%n", traffic, Duration.between(begin, Instant.now()).toSeconds());

            Duration patience = Duration.ofSeconds(FULL ? 900 : 180);
            awaitOrdersImported(sandbox, patience);
            awaitQuiet(sandbox, patience);

            Map<String, Expected> expected = expected(sandbox);
            assertThat(expected).as("the catalogues overlap").hasSizeGreaterThan(GENERATED);
            Map<String, String> wrong = mismatches(sandbox, expected);
            Instant deadline = Instant.now().plusSeconds(20);
            while (!wrong.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                awaitQuiet(sandbox, patience);
                expected = expected(sandbox);
                wrong = mismatches(sandbox, expected);
            }
            // KCC's StockStatus carries no version or time: pushes that landed out of order (in parallel, or a failed
            // one retried after a newer one) leave the figure Khaos sent last stale until Khaos next pushes that code.
            // Those are Khaos's doing and are set apart; any other mismatch is ours.
            Map<String, String> overtaken = overtaken(sandbox, expected, wrong);
            Map<String, String> ours = new TreeMap<>(wrong);
            ours.keySet().removeAll(overtaken.keySet());
            assertThat(ours).as("products whose shop stock is neither the sellable figure nor what we work out from the "
                    + "figure we hold (sku: shop vs expected)").isEmpty();
            if (!overtaken.isEmpty()) {
                System.out.printf("stock fault run (simulators " + profile + "): %d products ended on an older push that "
                        + "landed last: %s; Khaos pushes every figure again%n", overtaken.size(), overtaken);
                sandbox.json("POST", "/khaos-sim/_control/stock/push-all", null);
                awaitQuiet(sandbox, patience);
                deadline = Instant.now().plusSeconds(20);
                do {
                    expected = expected(sandbox);
                    wrong = mismatches(sandbox, expected);
                    if (!wrong.isEmpty()) {
                        Thread.sleep(500);
                        awaitQuiet(sandbox, patience);
                    }
                } while (!wrong.isEmpty() && Instant.now().isBefore(deadline));
            }
            JsonNode status = sandbox.json("GET", "/sandbox/stock", null);
            assertThat(wrong).as("products whose shop stock is not the sellable figure (sku: shop vs expected)").isEmpty();
            assertThat(status.path("failed").asInt()).as("with 20% of shop calls failing some pushes were retried").isPositive();

            // the reconcile afterwards is a measurement: with the shop's faults off, so a failed page read cannot stop it
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":0}");
            JsonNode reconcile = sandbox.json("POST", "/sandbox/stock/reconcile", null);
            int repaired = 0;
            for (JsonNode shop : reconcile) {
                repaired += shop.path("written").asInt();
            }
            System.out.printf("stock fault run (simulators " + profile + "): %d products checked, all equal to the sellable figure; pushes handled %d, "
                            + "retried %d; a reconcile afterwards wrote %d rows; %d s%n", expected.size(),
                    status.path("handled").asInt(), status.path("failed").asInt(), repaired,
                    Duration.between(begin, Instant.now()).toSeconds());
        }
    }

    /** Khaos stock codes with stock control, from the simulated shop's SKUs (and the sandbox's SKU overrides). */
    private static List<String> khaosCodes(RunningSandbox sandbox) throws Exception {
        List<String> codes = new ArrayList<>();
        for (Expected e : expected(sandbox).values()) {
            codes.add(e.code());
        }
        return codes;
    }

    /** Khaos stock moving from one thread, shop orders from two, all from one seed. */
    private static Map<String, Integer> traffic(RunningSandbox sandbox, List<String> codes) throws Exception {
        Random random = new Random(SEED);
        List<String[]> changes = new ArrayList<>();
        for (int i = 0; i < STOCK_CHANGES; i++) {
            String code = codes.get(random.nextInt(codes.size()));
            int kind = random.nextInt(10);
            if (kind < 6) {
                changes.add(new String[] {"PUT", "/khaos-sim/_control/stock/" + code + "/sites/" + (random.nextInt(5) == 0 ? 2 : 1),
                        "{\"physical\":" + random.nextInt(25) + "}"});
            } else {
                changes.add(new String[] {"POST", "/khaos-sim/_control/stock/" + code + "/consume",
                        "{\"site\":1,\"quantity\":" + (1 + random.nextInt(3)) + "}"});
            }
        }
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String sku = random.nextBoolean() ? ORDER_SKUS.get(random.nextInt(ORDER_SKUS.size()))
                    : String.format("RUN-%07d", 1 + random.nextInt(GENERATED));
            orders.add("{\"customer\":\"jane\",\"lines\":[{\"sku\":\"" + sku
                    + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}],\"shippingMethod\":\"standard\",\"paid\":true}");
        }
        AtomicInteger refusedByShop = new AtomicInteger();
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger refusedByKhaos = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> {
                for (String[] c : changes) {
                    HttpResponse<String> answer = sandbox.send(c[0], c[1], c[2]);
                    if (answer.statusCode() != 200) {
                        refusedByKhaos.incrementAndGet();
                    }
                    Thread.sleep(FULL ? 20 : 40);
                }
                return null;
            }));
            for (int t = 0; t < 2; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < orders.size(); i += 2) {
                        HttpResponse<String> answer = sandbox.send("POST", "/shopware-sim/_control/orders", orders.get(i));
                        if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                            placed.incrementAndGet();
                        } else {
                            refusedByShop.incrementAndGet(); // a closeout the shop has too few of: Shopware refuses the checkout
                        }
                        Thread.sleep(FULL ? 100 : 150);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        Map<String, Integer> summary = new TreeMap<>();
        summary.put("khaosStockChanges", STOCK_CHANGES - refusedByKhaos.get());
        summary.put("khaosChangesRefused", refusedByKhaos.get());
        summary.put("ordersPlaced", placed.get());
        summary.put("ordersRefusedByShop", refusedByShop.get());
        return summary;
    }

    private static void awaitOrdersImported(RunningSandbox sandbox, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, List<String>> states = Map.of();
        while (Instant.now().isBefore(deadline)) {
            states = FaultRunIT.byState(sandbox);
            long moving = states.entrySet().stream().filter(e -> !e.getKey().equals("IMPORTED"))
                    .mapToLong(e -> e.getValue().size()).sum();
            if (moving == 0 && !states.getOrDefault("IMPORTED", List.of()).isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        Map<String, Integer> counts = new TreeMap<>();
        states.forEach((s, l) -> counts.put(s, l.size()));
        throw new AssertionError("orders not all imported within " + patience.toSeconds() + " s: " + counts);
    }

    /** Khaos has nothing left to push and stock-changes is empty, scheduled pushes included. */
    private static void awaitQuiet(RunningSandbox sandbox, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        int quietChecks = 0;
        while (Instant.now().isBefore(deadline)) {
            boolean idle = sandbox.json("GET", "/khaos-sim/_control/pushes", null).path("idle").asBoolean();
            JsonNode status = sandbox.json("GET", "/sandbox/stock", null);
            boolean drained = status.path("queued").asInt(-1) == 0 && status.path("inProgress").asInt(-1) == 0
                    && status.path("delayed").asInt(-1) == 0;
            quietChecks = idle && drained ? quietChecks + 1 : 0;
            if (quietChecks >= 3) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("stock traffic did not die down within " + patience.toSeconds() + " s");
    }

    /** What every product in both catalogues must show, worked out from the simulated Khaos's levels alone. */
    private static Map<String, Expected> expected(RunningSandbox sandbox) throws Exception {
        JsonNode overrides = sandbox.json("GET", "/sandbox/mappings", null).path("skuToStockCode");
        Map<String, Expected> expected = new TreeMap<>();
        for (JsonNode s : sandbox.json("GET", "/shopware-sim/_control", null).path("skus")) {
            String sku = s.asText();
            String code = overrides.path(sku).asText(sku);
            HttpResponse<String> item = sandbox.send("GET", "/khaos-sim/_control/stock/" + code, null);
            if (item.statusCode() == 404) {
                continue; // not in Khaos: reported, never written
            }
            JsonNode stock = RunningSandbox.JSON.readTree(item.body());
            if (!stock.path("stockControlled").asBoolean()) {
                continue;
            }
            for (JsonNode site : stock.path("sites")) {
                if (site.path("site").asInt() == 1) {
                    int available = site.has("buildPotential") ? site.path("buildPotential").asInt() : site.path("available").asInt();
                    int buffer = code.equals(BUFFERED_CODE) ? CODE_BUFFER : GLOBAL_BUFFER;
                    expected.put(sku, new Expected(sku, code, Math.max(0, available - buffer)));
                }
            }
        }
        return expected;
    }

    /**
     * Of the mismatched SKUs, those whose shop figure is exactly what our side works out from the figure it holds, where
     * that figure is not Khaos's latest: an older push landed after a newer one (Khaos's push, not our flow). A shop
     * figure that differs from what our side works out is ours, whatever Khaos sent.
     */
    private static Map<String, String> overtaken(RunningSandbox sandbox, Map<String, Expected> expected,
                                                 Map<String, String> wrong) throws Exception {
        Map<String, String> overtaken = new TreeMap<>();
        for (Map.Entry<String, String> w : wrong.entrySet()) {
            Expected e = expected.get(w.getKey());
            JsonNode ours = sandbox.json("GET", "/sandbox/stock/" + e.code(), null);
            int shop = sandbox.json("GET", "/shopware-sim/_control/products/" + w.getKey(), null).path("stock").asInt();
            JsonNode held = ours.path("available");
            int khaosNow = Integer.MIN_VALUE;
            for (JsonNode site : sandbox.json("GET", "/khaos-sim/_control/stock/" + e.code(), null).path("sites")) {
                if (site.path("site").asInt() == 1) {
                    khaosNow = site.has("buildPotential") ? site.path("buildPotential").asInt() : site.path("available").asInt();
                }
            }
            boolean showsOurFigure = ours.path("sellable").asInt() == shop;
            boolean heldIsOlder = held.isNumber() && held.decimalValue().intValue() != khaosNow;
            if (showsOurFigure && heldIsOlder) {
                overtaken.put(w.getKey(), w.getValue() + " (we hold " + held.asText() + " available, Khaos " + khaosNow + ")");
            }
        }
        return overtaken;
    }

    private static Map<String, String> mismatches(RunningSandbox sandbox, Map<String, Expected> expected) throws Exception {
        Map<String, String> wrong = new HashMap<>();
        for (Expected e : expected.values()) {
            JsonNode product = sandbox.json("GET", "/shopware-sim/_control/products/" + e.sku(), null);
            int shop = product.path("stock").asInt();
            if (shop != e.sellable()) {
                wrong.put(e.sku(), shop + " vs " + e.sellable());
            }
        }
        return new TreeMap<>(wrong);
    }
}
