package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The despatch fault run: orders imported into the simulated Khaos are despatched there (a third in two parts, some
 * in several parcels) while the shop fails 20% of the Admin API calls (and loses the answer of 3% of the writes it
 * applied) and Khaos sends every status twice, a fifth of them overtaken by later ones. Afterwards every order's
 * delivery is shipped with exactly the consignment references Khaos has, the order is done, and the shop sent one
 * mail per delivery state change, never two for the same one, each carrying the codes of what had shipped.
 *
 * <p>CI runs 60 despatches; {@code ./mvnw -Pfull-scale verify -pl sandbox -Dit.test=DespatchFaultRunIT} runs 1,000.
 */
class DespatchFaultRunIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int DESPATCHES = Integer.getInteger("shopkhaos.despatches", FULL ? 1000 : 40);
    static final int PRODUCTS = 50;
    static final long SEED = 20261128L;

    /** One order and how it is despatched: its lines, and whether in two parts. */
    record Plan(String number, List<String[]> lines, boolean split, int parcels) {
    }

    @Test
    void underFaults_everyDeliveryEndsShipped_withExactlyItsCodes_andOneMailPerStateChange() throws Exception {
        run("default");
    }

    /** The same under the simulated KCC's hostile unknowns (statuses in parallel, three a post, never dropped …). */
    @Test
    void underFaultsAndKhaosHostileUnknowns_everyDeliveryEndsShipped_withExactlyItsCodes_andOneMailPerStateChange() throws Exception {
        run("hostile");
    }

    private static void run(String profile) throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_STOCK_RECONCILE_SECONDS", "0",
                "SANDBOX_SWEEP_SECONDS", "0", "SHOPWARE_SHOP_ID", "despatchFaults01", "SANDBOX_DESPATCH_WORKERS", "4",
                "SANDBOX_SEED", Long.toString(SEED), "KHAOS_SIM_SETTINGS", "{\"profile\":\"" + profile + "\"}"))) {
            Instant begin = Instant.now();
            // the shop at the same side: Shopware 6.7, variants answered raw as the Admin API does
            sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"profile\":\"" + profile + "\"}");
            sandbox.json("POST", "/shopware-sim/_control/products/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"DSP-\",\"stock\":100000}");
            sandbox.json("POST", "/khaos-sim/_control/items/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"DSP-\",\"physical\":100000}");
            Await.khaosIdle(sandbox, Duration.ofSeconds(120));

            Random random = new Random(SEED);
            List<Plan> plans = place(sandbox, random);
            awaitImported(sandbox, plans.size(), Duration.ofSeconds(FULL ? 600 : 120));
            Instant imported = Instant.now();

            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"seed\":" + SEED + ",\"apiErrorRate\":0.2,\"apiAnswerLostRate\":0.03}");
            sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"seed\":" + SEED + ",\"pushDuplicateRate\":1,\"pushOutOfOrderRate\":0.2,"
                    + "\"pushOutOfOrderDelayMs\":700}");
            Map<String, Instant> lastDespatch = despatchAll(sandbox, plans);
            int despatches = plans.stream().mapToInt(p -> p.split() ? 2 : 1).sum();

            awaitDone(sandbox, Duration.ofSeconds(FULL ? 900 : 180));
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":0,\"apiAnswerLostRate\":0}");

            Map<String, String> wrong = new TreeMap<>();
            List<Long> latencies = new ArrayList<>();
            int mails = 0;
            for (Plan plan : plans) {
                JsonNode khaos = sandbox.json("GET", "/khaos-sim/_control/orders/" + plan.number(), null);
                List<String> refs = DespatchFlowIT.consignments(khaos);
                JsonNode shop = DespatchFlowIT.shopOrder(sandbox, plan.number());
                JsonNode delivery = DespatchFlowIT.delivery(shop);
                List<String> codes = DespatchFlowIT.codes(delivery);
                List<JsonNode> sent = DespatchFlowIT.mails(sandbox, plan.number());
                mails += sent.size();
                List<String> templates = sent.stream().map(m -> m.path("template").asText()).toList();
                String problem = null;
                if (!DespatchFlowIT.deliveryState(shop).equals("shipped")) {
                    problem = "delivery " + DespatchFlowIT.deliveryState(shop);
                } else if (codes.size() != refs.size() || !new HashSet<>(codes).equals(new HashSet<>(refs))) {
                    problem = "codes " + codes + " vs Khaos " + refs;
                } else if (!shop.path("stateMachineState").path("technicalName").asText().equals("completed")) {
                    problem = "order " + shop.path("stateMachineState").path("technicalName").asText();
                } else if (templates.size() != new HashSet<>(templates).size() || templates.isEmpty()
                        || !templates.get(templates.size() - 1).equals("order_delivery.state.shipped")) {
                    problem = "mails " + templates;
                } else if (sent.stream().anyMatch(m -> m.path("trackingCodes").isEmpty())) {
                    problem = "a mail without tracking codes";
                }
                if (problem != null) {
                    wrong.put(plan.number(), problem);
                    continue;
                }
                JsonNode shippedMail = sent.get(sent.size() - 1);
                latencies.add(Duration.between(lastDespatch.get(plan.number()), Instant.parse(shippedMail.path("at").asText())).toMillis());
            }
            List<String> failures = new ArrayList<>();
            for (JsonNode e : sandbox.json("GET", "/sandbox/exceptions?limit=10000", null)) {
                if (e.path("type").asText().equals("WRITEBACK_FAILED") || e.path("type").asText().startsWith("DESPATCH_")) {
                    failures.add(e.path("id").asText() + ": " + e.path("reason").asText());
                }
            }
            JsonNode status = sandbox.json("GET", "/sandbox/despatch", null);
            assertThat(wrong).as("orders whose despatch did not end right").isEmpty();
            assertThat(failures).as("despatch exceptions (none expected: every failure was passing)").isEmpty();
            assertThat(status.path("failed").asInt()).as("with 20% of shop calls failing some write-backs were retried").isPositive();

            Collections.sort(latencies);
            List<Long> ours = new ArrayList<>();
            for (JsonNode h : sandbox.json("GET", "/sandbox/despatch/handled", null)) {
                if (h.path("outcome").asText().equals("WRITTEN")) {
                    ours.add(Duration.between(Instant.parse(h.path("reportedAt").asText()), Instant.parse(h.path("doneAt").asText()))
                            .toMillis());
                }
            }
            Collections.sort(ours);
            System.out.printf("despatch fault run (simulators " + profile + "): Khaos's push received → written to the shop (our part, retries included): "
                    + "p50 %d ms, p95 %d ms, max %d ms over %d write-backs%n", ours.get(ours.size() / 2),
                    ours.get((int) Math.ceil(ours.size() * 0.95) - 1), ours.get(ours.size() - 1), ours.size());
            System.out.printf("despatch fault run (simulators " + profile + "): %d orders, %d despatches, %d mails; write-backs handled %d, retried %d; "
                            + "Khaos despatch → shop shipped under faults: p50 %d ms, p95 %d ms, max %d ms; despatching took %d s, "
                            + "whole run %d s%n", plans.size(), despatches, mails, status.path("handled").asInt(),
                    status.path("failed").asInt(), latencies.get(latencies.size() / 2),
                    latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1), latencies.get(latencies.size() - 1),
                    Duration.between(imported, Instant.now()).toSeconds(), Duration.between(begin, Instant.now()).toSeconds());
        }
    }

    /** Orders of one or two lines until they make {@link #DESPATCHES} despatches; a third go out in two parts. */
    private static List<Plan> place(RunningSandbox sandbox, Random random) throws Exception {
        List<Plan> specs = new ArrayList<>();
        int despatches = 0;
        while (despatches < DESPATCHES) {
            int lineCount = DESPATCHES - despatches >= 2 && random.nextInt(3) == 0 ? 2 : 1;
            List<String[]> lines = new ArrayList<>();
            Set<String> skus = new HashSet<>();
            while (lines.size() < (lineCount == 2 ? 2 : 1 + random.nextInt(2))) {
                String sku = String.format("DSP-%07d", 1 + random.nextInt(PRODUCTS));
                if (skus.add(sku)) {
                    lines.add(new String[] {sku, Integer.toString(1 + random.nextInt(2))});
                }
            }
            boolean split = lineCount == 2;
            specs.add(new Plan(null, lines, split, 1 + (random.nextInt(5) == 0 ? 1 : 0)));
            despatches += split ? 2 : 1;
        }
        List<Plan> placed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Plan spec : specs) {
                futures.add(pool.submit(() -> {
                    StringBuilder body = new StringBuilder("{\"customer\":\"jane\",\"shippingMethod\":\"standard\",\"paid\":true,\"lines\":[");
                    for (int i = 0; i < spec.lines().size(); i++) {
                        body.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(spec.lines().get(i)[0]).append("\",\"quantity\":")
                                .append(spec.lines().get(i)[1]).append('}');
                    }
                    JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", body.append("]}").toString());
                    placed.add(new Plan(order.path("orderNumber").asText(), spec.lines(), spec.split(), spec.parcels()));
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
        return new ArrayList<>(placed);
    }

    /** Each order despatched in Khaos (split ones in two calls), from four threads; when each order's last part went. */
    private static Map<String, Instant> despatchAll(RunningSandbox sandbox, List<Plan> plans) throws Exception {
        Map<String, Instant> last = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Plan plan : plans) {
                futures.add(pool.submit(() -> {
                    if (plan.split()) {
                        String[] first = plan.lines().get(0);
                        despatch(sandbox, plan.number(), "{\"lines\":[{\"sku\":\"" + first[0] + "\",\"quantity\":" + first[1] + "}]}");
                    }
                    String parcels = plan.parcels() == 1 ? "[{}]" : "[{},{}]";
                    last.put(plan.number(), Instant.now());
                    despatch(sandbox, plan.number(), "{\"parcels\":" + parcels + "}");
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
        return last;
    }

    private static void despatch(RunningSandbox sandbox, String number, String body) throws Exception {
        HttpResponse<String> answer = sandbox.send("POST", "/khaos-sim/_control/orders/" + number + "/despatch", body);
        assertThat(answer.statusCode()).as("despatch of " + number + ": " + answer.body()).isEqualTo(200);
    }

    private static void awaitImported(RunningSandbox sandbox, int orders, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, List<String>> states = Map.of();
        while (Instant.now().isBefore(deadline)) {
            states = FaultRunIT.byState(sandbox);
            if (states.getOrDefault("IMPORTED", List.of()).size() >= orders) {
                return;
            }
            Thread.sleep(1000);
        }
        Map<String, Integer> counts = new TreeMap<>();
        states.forEach((s, l) -> counts.put(s, l.size()));
        throw new AssertionError(orders + " orders not all imported within " + patience.toSeconds() + " s: " + counts);
    }

    /** Khaos has nothing left to push and the despatches queue is empty (nothing waiting, nothing hidden for a retry). */
    private static void awaitDone(RunningSandbox sandbox, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        int quiet = 0;
        while (Instant.now().isBefore(deadline)) {
            boolean idle = sandbox.json("GET", "/khaos-sim/_control/pushes", null).path("idle").asBoolean();
            JsonNode status = sandbox.json("GET", "/sandbox/despatch", null);
            quiet = idle && status.path("queued").asInt(-1) == 0 && status.path("inProgress").asInt(-1) == 0 ? quiet + 1 : 0;
            if (quiet >= 5) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("despatch traffic did not die down within " + patience.toSeconds() + " s");
    }
}
