package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The go-live audit against both simulators: the seeded catalogue with a case of each kind planted through the
 * simulators' control APIs (as the shop's administrator and Khaos's users would make them) and the mappings screen;
 * a run started through the ops API finds every planted case under its kind, nothing on products nobody touched, and
 * writes nothing to the shop or to Khaos; its CSV holds every finding; blocking findings open exceptions, and a fixed
 * one resolves at the next run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
    private static final String LONG_NAME = "Cable Knit Beanie, Navy, in pure British wool, hand-finished in the Scottish Borders, "
            + "with a deep turn-up and a pom-pom of recycled yarn (one size)";
    private static RunningSandbox sandbox;
    private static JsonNode run;

    /** Each planted case: the finding's kind → its subject. */
    private static final Map<String, String> PLANTED = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "0", "SANDBOX_SWEEP_SECONDS", "0",
                "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "shopAudit00000001"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static HttpResponse<String> ops(String method, String path) throws Exception {
        return sandbox.send(method, path, method.equals("POST") ? "" : null, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
    }

    private static JsonNode opsJson(String path) throws Exception {
        HttpResponse<String> answer = ops("GET", path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return RunningSandbox.JSON.readTree(answer.body());
    }

    private static JsonNode control(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = sandbox.send(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 201);
        return RunningSandbox.JSON.readTree(answer.body());
    }

    private static JsonNode item(String code) throws Exception {
        JsonNode catalogue = sandbox.json("GET", "/sandbox/khaos/catalogue?limit=500", null);
        for (JsonNode i : catalogue) {
            if (i.path("stockCode").asText().equals(code)) {
                return i;
            }
        }
        return null;
    }

    private static JsonNode startAndFinish() throws Exception {
        HttpResponse<String> started = ops("POST", "/ops/api/audit/runs");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode answer = RunningSandbox.JSON.readTree(started.body());
        assertThat(answer.path("status").asText()).isEqualTo("RUNNING");
        assertThat(started.headers().firstValue("Location").orElseThrow()).endsWith("/ops/api/audit/runs/" + answer.path("id").asText());
        return Await.until("audit run " + answer.path("id").asText() + " to finish", Duration.ofSeconds(60),
                () -> opsJson("/ops/api/audit/runs/" + answer.path("id").asText() + "?size=1000"),
                r -> !r.path("status").asText().equals("RUNNING"));
    }

    private static Map<String, List<String>> findingsByKind(JsonNode run) {
        Map<String, List<String>> byKind = new TreeMap<>();
        run.path("findings").forEach(f -> byKind.computeIfAbsent(f.path("kind").asText(), k -> new ArrayList<>()).add(f.path("subject").asText()));
        return byKind;
    }

    @Test
    @Order(1)
    void beforeAnyRun_theLatestSaysNoneHasRun_andTheRoutesNeedACaller() throws Exception {
        HttpResponse<String> latest = ops("GET", "/ops/api/audit/runs/latest");
        assertThat(latest.statusCode()).isEqualTo(404);
        assertThat(latest.body()).contains("no audit has run yet");
        assertThat(sandbox.send("POST", "/ops/api/audit/runs", "").statusCode()).isEqualTo(401);
        assertThat(ops("GET", "/ops/api/audit/runs/audit-20260101-000000-0000").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void everyPlantedCase_isFoundUnderItsKind_andNothingElseIsOnProductsNobodyTouched() throws Exception {
        Await.until("the channel's catalogue", Duration.ofSeconds(30),
                () -> sandbox.json("GET", "/sandbox/khaos/catalogue?limit=500", null), c -> c.size() >= 19);
        // Khaos's side, as its users would change it (each change is pushed to the channel as a StockUpload)
        control("PUT", "/khaos-sim/_control/items/CANDLE-SOY-LRG", "{\"discontinued\":true}");
        PLANTED.put("MAPPED_TO_DISCONTINUED", "CANDLE-SOY-LRG");
        control("DELETE", "/khaos-sim/_control/items/BLANKET-WOOL-KING", null);
        PLANTED.put("MAPPED_TO_DELETED", "BLANKET-WOOL-KING");
        control("PUT", "/khaos-sim/_control/items/CAR-SEAT-INF", "{\"runToZero\":true}");
        control("PUT", "/khaos-sim/_control/stock/CAR-SEAT-INF/sites/1", "{\"physical\":0}");
        PLANTED.put("RUN_TO_ZERO_AT_ZERO", "CAR-SEAT-INF");
        control("PUT", "/khaos-sim/_control/items/SCARF-MER-GRY", "{\"websitePrice\":27.50}");
        PLANTED.put("PRICE_DIFFERS", "SCARF-MER-GRY");
        control("PUT", "/khaos-sim/_control/items/HAT-BEANIE-NVY", "{\"runToZero\":true}");
        PLANTED.put("CLOSEOUT_DIFFERS", "HAT-BEANIE-NVY");
        control("PUT", "/khaos-sim/_control/items/SCARF-CASH-RED", "{\"publishOnWeb\":true}");
        PLANTED.put("WEB_ITEM_MISSING_IN_SHOP", "SCARF-CASH-RED");
        control("PUT", "/khaos-sim/_control/items/KIDS-WELLIES-9", "{\"stockControlled\":false}");
        // the shop's side, as its administrator would change it
        control("PATCH", "/shopware-sim/_control/products/KIDS-WELLIES-9", "{\"closeout\":true}");
        PLANTED.put("STOCK_CONTROL_DIFFERS", "KIDS-WELLIES-9");
        control("POST", "/shopware-sim/_control/payment-methods",
                "{\"name\":\"Klarna: pay later in three instalments\",\"technicalName\":\"payment_klarna_later\"}");
        PLANTED.put("PAYMENT_METHOD_UNMAPPED", "Klarna: pay later in three instalments");
        control("POST", "/shopware-sim/_control/products", "{\"sku\":\"TEA-LIGHTS-50\",\"name\":\"Tea lights, 50\",\"gross\":\"6.00\","
                + "\"taxRate\":17.5}");
        PLANTED.put("TAX_RATE_UNKNOWN_TO_KHAOS", "17.5%");
        control("POST", "/shopware-sim/_control/currencies", "{\"isoCode\":\"EUR\",\"factor\":1.17}");
        PLANTED.put("CURRENCY_NOT_TAKEN", "EUR");
        control("POST", "/shopware-sim/_control/promotions", "{\"code\":\"FREESHIP\",\"name\":\"Free delivery\",\"scope\":\"delivery\","
                + "\"type\":\"percentage\",\"value\":100}");
        PLANTED.put("PROMOTION_UNMAPPED", "FREESHIP");
        control("PATCH", "/shopware-sim/_control/products/KIDS-COAT-5Y", "{\"taxRate\":20}");
        PLANTED.put("TAX_RATE_DIFFERS", "KIDS-COAT-5Y");
        control("PATCH", "/shopware-sim/_control/products/SOCKS-WOOL-3PK", "{\"ean\":\"5012345000017\"}");
        control("PATCH", "/shopware-sim/_control/products/SOCKS-BAMBOO-2PK", "{\"ean\":\"5012345000017\"}");
        PLANTED.put("BARCODE_SHARED", "5012345000017");
        control("POST", "/shopware-sim/_control/products", "{\"sku\":\"MUG-STONE-BLUE-2\",\"name\":\"Stoneware Mug, Blue\","
                + "\"gross\":\"10.00\",\"closeout\":true}");
        control("PUT", "/sandbox/mappings/SKU/MUG-STONE-BLUE-2", "{\"value\":\"MUG-STONE-BLU\"}");
        PLANTED.put("SKU_MAPPED_TWICE", "MUG-STONE-BLU");
        control("POST", "/shopware-sim/_control/products", "{\"sku\":\"candle-soy-lrg \",\"name\":\"Soy candle (typed again)\"}");
        PLANTED.put("SKU_NEAR_MATCH", "candle-soy-lrg ");
        PLANTED.put("SKU_NOT_IN_KHAOS", "candle-soy-lrg ");
        control("POST", "/shopware-sim/_control/products", "{\"sku\":\"CANDLE-TEA-SET\",\"name\":\"Tea light set\"}");
        control("POST", "/shopware-sim/_control/products", "{\"sku\":\"CANDLE-TEA-SET-RED\",\"parent\":\"CANDLE-TEA-SET\",\"name\":\"Red\"}");
        control("PUT", "/sandbox/mappings/SKU/CANDLE-TEA-SET", "{\"value\":\"MUG-STONE-BLU\"}");
        PLANTED.put("PARENT_MAPPED_INSTEAD", "CANDLE-TEA-SET");
        control("PATCH", "/shopware-sim/_control/products/SOCKS-BAMBOO-2PK", "{\"name\":\"" + LONG_NAME + "\"}");
        PLANTED.put("NAME_TOO_LONG", "SOCKS-BAMBOO-2PK");
        PLANTED.put("SHIPPING_METHOD_UNMAPPED", "Courier (legacy setup)");
        Await.until("Khaos's changes to reach the channel", Duration.ofSeconds(30), () -> List.of(
                String.valueOf(item("BLANKET-WOOL-KING") == null ? "" : item("BLANKET-WOOL-KING").path("deleted").asText()),
                item("SCARF-MER-GRY").path("listing").path("websiteGross").asText(),
                item("KIDS-WELLIES-9").path("stockControlled").asText(),
                item("SCARF-CASH-RED").path("publishOnWeb").asText()), v -> v.equals(List.of("true", "27.5", "false", "true")));
        // stock sync writes the shop's stock figures as Khaos's changes arrive: paused, so every call the shop sees is the audit's
        sandbox.json("PUT", "/sandbox/stock", "{\"running\":false}");
        int[] idle = {0};
        Await.until("stock sync to finish what it had taken", Duration.ofSeconds(30), () -> sandbox.json("GET", "/sandbox/stock", null),
                s -> (idle[0] = s.path("inProgress").asInt(-1) == 0 ? idle[0] + 1 : 0) >= 2);
        JsonNode shopBefore = sandbox.json("GET", "/shopware-sim/_control", null);
        JsonNode khaosBefore = sandbox.json("GET", "/khaos-sim/_control", null);

        run = startAndFinish();

        assertThat(run.path("status").asText()).as(run.path("failure").asText()).isEqualTo("FINISHED");
        Map<String, List<String>> found = findingsByKind(run);
        PLANTED.forEach((kind, subject) -> assertThat(found.getOrDefault(kind, List.of())).as(kind + " in " + found).contains(subject));
        // products nobody touched and that agree with Khaos have no finding
        List<String> untouched = List.of("TSHIRT-ORG-BLK-S", "TSHIRT-ORG-BLK-M", "TSHIRT-ORG-BLK-L", "TSHIRT-ORG-WHT-M", "TSHIRT-ORG");
        run.path("findings").forEach(f -> assertThat(untouched).as(f.toString()).doesNotContain(f.path("subject").asText()));
        assertThat(run.path("shopProducts").asInt()).isGreaterThan(20);
        assertThat(run.path("khaosItems").asInt()).isGreaterThanOrEqualTo(19);
        assertThat(run.path("countsBySeverity").path("BLOCKING").asInt()).isPositive();

        // read-only: the shop saw searches only (its Admin API's calls, counted by method and path), Khaos nothing
        JsonNode shopAfter = sandbox.json("GET", "/shopware-sim/_control", null);
        List<String> searches = new ArrayList<>();
        shopAfter.path("requestCounts").fields().forEachRemaining(e -> {
            long before = shopBefore.path("requestCounts").path(e.getKey()).asLong(0);
            if (e.getValue().asLong() == before) {
                return;
            }
            assertThat(e.getKey()).as("no write reached the shop during the run").matches("(POST /api/search/.+|GET /api/.+|POST /api/oauth/token)");
            searches.add(e.getKey());
        });
        assertThat(searches).contains("POST /api/search/product", "POST /api/search/sales-channel", "POST /api/search/promotion");
        assertThat(shopAfter.path("products").asInt()).isEqualTo(shopBefore.path("products").asInt());
        JsonNode khaosAfter = sandbox.json("GET", "/khaos-sim/_control", null);
        for (String count : List.of("importedOrders", "rejectedOrders", "importedReturns", "rejectedReturns", "stockItems")) {
            assertThat(khaosAfter.path(count)).as(count).isEqualTo(khaosBefore.path(count));
        }
        assertThat(khaosAfter.path("lastPoll")).as("the run asked Khaos for nothing").isEqualTo(khaosBefore.path("lastPoll"));
    }

    @Test
    @Order(3)
    void theRunReads_filtered_paged_asCsv_andAsTheLatest() throws Exception {
        String id = run.path("id").asText();
        JsonNode blocking = opsJson("/ops/api/audit/runs/" + id + "?severity=blocking&size=2&page=1");
        assertThat(blocking.path("findings")).hasSize(2);
        assertThat(blocking.path("total").asInt()).isEqualTo(run.path("countsBySeverity").path("BLOCKING").asInt());
        blocking.path("findings").forEach(f -> assertThat(f.path("severity").asText()).isEqualTo("BLOCKING"));
        JsonNode price = opsJson("/ops/api/audit/runs/" + id + "?kind=price-differs");
        assertThat(price.path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("shopValue").asText()).isEqualTo("25");
            assertThat(f.path("khaosValue").asText()).contains("27.5").contains("website price");
            assertThat(f.path("fix").asText()).isNotBlank();
            assertThat(f.path("handbook").asText()).isEqualTo("audit-price-differs");
        });
        assertThat(opsJson("/ops/api/audit/runs/" + id + "?q=klarna").path("total").asInt()).isEqualTo(1);
        HttpResponse<String> bad = ops("GET", "/ops/api/audit/runs/" + id + "?kind=nonsense");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("no finding kind");

        HttpResponse<String> csv = ops("GET", "/ops/api/audit/runs/" + id + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("run,severity,kind,subject");
        assertThat(rows).hasSize(run.path("findings").size() + 1);
        assertThat(csv.body()).contains("MAPPED_TO_DELETED,BLANKET-WOOL-KING");

        assertThat(opsJson("/ops/api/audit/runs/latest").path("id").asText()).isEqualTo(id);
        assertThat(opsJson("/ops/api/audit/runs").path("runs").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    @Order(4)
    void blockingFindings_openExceptions_andOneFixedResolvesAtTheNextRun() throws Exception {
        String id = "CATALOGUE_GAP#audit-currency-not-taken EUR";
        JsonNode open = opsJson("/ops/api/exceptions/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20")).path("exception");
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("reason").asText()).contains("EUR");

        control("PUT", "/sandbox/mappings/SKU/TEA-LIGHTS-50", "{\"value\":\"CANDLE-SOY-LRG\"}");
        JsonNode again = startAndFinish();

        assertThat(findingsByKind(again).getOrDefault("SKU_NOT_IN_KHAOS", List.of())).doesNotContain("TEA-LIGHTS-50");
        JsonNode fixed = opsJson("/ops/api/exceptions/" + java.net.URLEncoder.encode("CATALOGUE_GAP#audit-sku-not-in-khaos TEA-LIGHTS-50",
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).path("exception");
        assertThat(fixed.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(fixed.path("resolvedBy").asText()).startsWith("audit");
    }

    @Test
    @Order(5)
    void theConsultantsCommand_runsTheAuditThroughTheOpsApi_andSavesEveryFindingAsCsv() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("audit", ".csv");
        ProcessBuilder command = new ProcessBuilder("node", "../tools/go-live-audit.mjs", "--api", sandbox.baseUrl, "--out", out.toString())
                .redirectErrorStream(true);
        command.environment().put("OPS_TOKEN", SandboxSettings.DEFAULT_OPS_API_KEY);
        Process process = command.start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(printed).isEqualTo(2);
        assertThat(printed).contains(": FINISHED").contains("blocking: ").contains("CURRENCY_NOT_TAKEN: 1");
        JsonNode latest = opsJson("/ops/api/audit/runs/latest");
        assertThat(java.nio.file.Files.readAllLines(out)).hasSize(latest.path("total").asInt() + 1);
        assertThat(latest.path("trigger").asText()).isEqualTo("PERSON");
    }

    @Test
    @Order(6)
    void eCommerceRunsTheAuditInTheConsole_picksAKind_filters_andDownloadsTheCsv() throws Exception {
        java.nio.file.Path chromium = java.nio.file.Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!java.nio.file.Files.isExecutable(chromium)) {
            System.err.println("SKIPPING the audit browser test: no Chromium at " + chromium + " (CI installs it)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(chromium), "Chromium at " + chromium);
        java.nio.file.Path root = RunningSandbox.repositoryRoot();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(root.resolve("node_modules/playwright-core")),
                "npm ci has installed playwright-core");
        int runsBefore = opsJson("/ops/api/audit/runs").path("runs").size();

        Process node = new ProcessBuilder("node", root.resolve("tools/browser/audit.mjs").toString(), sandbox.baseUrl)
                .directory(root.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(output.strip());

        assertThat(finished).as("the browser run finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("ok");
        assertThat(opsJson("/ops/api/audit/runs").path("runs").size()).as("Run now started one run").isEqualTo(runsBefore + 1);
    }

    @Test
    @Order(7)
    void khaossPriceLists_reachTheChannel_andAreKeptAsTheyCame() throws Exception {
        JsonNode pushed = control("POST", "/khaos-sim/_control/price-lists/push", null);
        assertThat(pushed.path("posts").asInt()).isPositive();
        Await.khaosIdle(sandbox, Duration.ofSeconds(30));

        JsonNode attempts = sandbox.json("GET", "/khaos-sim/_control/pushes?kind=PriceListUpload", null).path("pushes");
        assertThat(attempts).isNotEmpty().allSatisfy(a -> assertThat(a.path("status").asInt()).as(a.toString()).isEqualTo(200));
        JsonNode kept = sandbox.json("GET", "/sandbox/khaos/inbox?kind=PRICE_LIST", null);
        assertThat(kept.toString()).contains("UploadPriceLists").contains("SCARF-MER-GRY");
    }
}
