package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The go-live audit at scale: a generated clean catalogue on both sides (the same SKUs and stock codes, prices and tax
 * rates) audited with no false finding on it, but the handful of cases hidden in it found; the run's time and memory
 * printed for the README's Measuring section.
 *
 * <p>CI runs 1,000 products and items; {@code ./mvnw -Pfull-scale verify -pl sandbox -Dit.test=AuditScaleIT} runs 50,000.
 */
class AuditScaleIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int COUNT = FULL ? 50_000 : 1_000;
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "0", "SANDBOX_SWEEP_SECONDS", "0",
                "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "shopAuditScale001"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String code(int i) {
        return "GEN-" + String.format("%07d", i);
    }

    @Test
    void aCleanGeneratedCatalogue_hasNoFalseFinding_andTheCasesHiddenInItAreFound() throws Exception {
        Await.khaosIdle(sandbox, Duration.ofSeconds(60));
        sandbox.json("PUT", "/sandbox/stock", "{\"running\":false}"); // the shop's stock figures are not the audit's concern
        java.time.Instant generating = java.time.Instant.now();
        sandbox.json(Duration.ofMinutes(10), "POST", "/shopware-sim/_control/products/generate", "{\"count\":" + COUNT + ",\"prefix\":\"GEN-\"}");
        sandbox.json(Duration.ofMinutes(10), "POST", "/khaos-sim/_control/items/generate", "{\"count\":" + COUNT + ",\"prefix\":\"GEN-\"}");
        // hidden among them, as an administrator of each side would make them
        String dearer = code(COUNT / 7);
        String discontinued = code(COUNT / 3);
        String sharedA = code(COUNT / 2);
        String sharedB = code(COUNT / 2 + 1);
        String deleted = code(COUNT - 3);
        sandbox.json("PATCH", "/shopware-sim/_control/products/" + dearer, "{\"gross\":\"11.00\"}");
        sandbox.json("PATCH", "/shopware-sim/_control/products/" + sharedA, "{\"ean\":\"5099999000011\"}");
        sandbox.json("PATCH", "/shopware-sim/_control/products/" + sharedB, "{\"ean\":\"5099999000011\"}");
        sandbox.json("PUT", "/khaos-sim/_control/items/" + discontinued, "{\"discontinued\":true}");
        sandbox.json("DELETE", "/khaos-sim/_control/items/" + deleted, null);
        // the channel answers a StockUpload only once it is stored: Khaos idle means the catalogue and its changes are in
        Await.khaosIdle(sandbox, Duration.ofSeconds(FULL ? 1800 : 180));
        System.out.printf("audit scale: %d products and items generated and Khaos's pushes stored in %d s%n", COUNT,
                Duration.between(generating, java.time.Instant.now()).toSeconds());

        JsonNode run = sandbox.json(Duration.ofMinutes(5), "POST", "/sandbox/audit/run?measure=true", null);
        System.out.println("audit at scale (" + COUNT + " + the seed): " + run);

        assertThat(run.path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.path("shopProducts").asInt()).isGreaterThanOrEqualTo(COUNT);
        assertThat(run.path("khaosItems").asInt()).isGreaterThanOrEqualTo(COUNT);
        List<String> onGenerated = new ArrayList<>();
        for (int page = 1; ; page++) {
            java.net.http.HttpResponse<String> answer = sandbox.send("GET", "/ops/api/audit/runs/" + run.path("id").asText()
                    + "?q=GEN-&size=1000&page=" + page, null, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode findings = RunningSandbox.JSON.readTree(answer.body());
            findings.path("findings").forEach(f -> onGenerated.add(f.path("kind").asText() + " " + f.path("subject").asText()));
            if (findings.path("findings").size() < 1000) {
                break;
            }
        }
        assertThat(onGenerated).containsExactlyInAnyOrder("PRICE_DIFFERS " + dearer, "MAPPED_TO_DISCONTINUED " + discontinued,
                "MAPPED_TO_DELETED " + deleted, "BARCODE_SHARED 5099999000011");
    }
}
