package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.model.signing.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ops console in a real browser (Debian's Chromium driven by playwright-core, {@code tools/browser/ops-console.mjs}):
 * sign in, the list, a filter, one problem with its order's timeline, a mapping, the retry it offers, the problem
 * resolved. Customer text with {@code <script>} (a product name, an address in a stored message) is shown as text and
 * never runs. CI installs Chromium ({@code .ci/run}); where it is missing the test says so and is skipped.
 */
class OpsConsoleBrowserIT {
    private static final String SHOP_ID = "opsConsoleShop01";
    private static final String SHOP_SECRET = "console-shop-secret-" + "c".repeat(48);
    private static final String KEY = "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY;
    static final String SCRIPT = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    @Test
    void aPersonSignsIn_filters_opensAProblem_mapsTheSku_retries_andSeesItResolved() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.err.println("SKIPPING the browser test: no Chromium at " + chromium + " (apt-get install -y chromium; CI does)");
        }
        assumeTrue(Files.isExecutable(chromium), "Chromium at " + chromium);
        Path root = RunningSandbox.repositoryRoot();
        assumeTrue(Files.isDirectory(root.resolve("node_modules/playwright-core")), "npm ci has installed playwright-core");

        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SHOPWARE_SHOP_ID", SHOP_ID, "SHOPWARE_SHOP_SECRET", SHOP_SECRET, "SANDBOX_STOCK_RECONCILE_SECONDS", "0"))) {
            sandbox.json("POST", "/shopware-sim/_control/products/generate", RunningSandbox.JSON.createObjectNode().put("count", 1)
                    .put("prefix", "XSS-").put("stock", 10).put("name", SCRIPT + " mug ").toString());
            String scripted = place(sandbox, "XSS-0000001");
            String held = place(sandbox, "UMBRELLA-GOLF");
            String body = "{\"data\":{\"payload\":{\"order\":{\"id\":\"00000000000000000000000000000abc\",\"orderNumber\":\"X-1\","
                    + "\"billingAddress\":{\"street\":" + RunningSandbox.JSON.writeValueAsString(SCRIPT + " High Street") + "}}},"
                    + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http://x\",\"shopId\":\"" + SHOP_ID
                    + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
            sandbox.send("POST", "/webhooks/shopware", body, "shopware-shop-signature", HmacSignature.sign(SHOP_SECRET, body));
            awaitOpen(sandbox, "UNKNOWN_SKU", held);
            awaitOpen(sandbox, "UNKNOWN_SKU", scripted);
            awaitOpen(sandbox, "WEBHOOK_WITHOUT_EVENT_ID", "");

            Process node = new ProcessBuilder("node", root.resolve("tools/browser/ops-console.mjs").toString(), sandbox.baseUrl, held,
                    "UMBRELLA-GOLF", "HAT-BEANIE-NVY").directory(root.toFile()).redirectErrorStream(true).start();
            boolean finished = node.waitFor(180, TimeUnit.SECONDS);
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output.strip());
            assertThat(finished).as("the browser run finished").isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains("first render:").contains("ok");
        }
    }

    private static String place(RunningSandbox sandbox, String sku) throws Exception {
        return sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1}],\"shippingMethod\":\"standard\",\"paid\":true}").path("orderNumber").asText();
    }

    private static void awaitOpen(RunningSandbox sandbox, String type, String search) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode page = RunningSandbox.JSON.readTree(sandbox.send("GET", "/ops/api/exceptions?type=" + type + "&q=" + search, null,
                    "Authorization", KEY).body());
            if (page.path("total").asInt() > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no open " + type + " for " + search);
    }
}
