package com.shopkhaos.sandbox;

import static com.shopkhaos.sandbox.DespatchFlowIT.awaitLedger;
import static com.shopkhaos.sandbox.DespatchFlowIT.despatch;
import static com.shopkhaos.sandbox.DespatchFlowIT.imported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds into Khaos, end to end: an order placed and paid in the simulated shop, imported and despatched by the simulated
 * Khaos, then refunded in the shop, comes back to Khaos as a customer return it imports and processes (through its own
 * {@code CReturnDownload} polling of our channel); the goods go back into Khaos's stock and, through its stock push, into
 * the shop's sellable figure. A refund of an order Khaos has not despatched is never a return.
 */
class ReturnsFlowIT {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SHOPWARE_SHOP_ID", "returnsShop00001", "SANDBOX_STOCK_RECONCILE_SECONDS", "0"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static HttpResponse<String> ops(String method, String path, String body) throws Exception {
        return sandbox.send(method, path, body, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY,
                "Content-Type", "application/json", "X-Ops-User", "cx.jo");
    }

    static JsonNode exception(String id) throws Exception {
        HttpResponse<String> answer = ops("GET", "/ops/api/exceptions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"),
                null);
        return answer.statusCode() == 200 ? RunningSandbox.JSON.readTree(answer.body()).path("exception") : null;
    }

    static JsonNode awaitException(String id, String contains) throws Exception {
        return Await.until(id + " saying \"" + contains + "\"", Duration.ofSeconds(40), () -> exception(id),
                e -> e != null && e.path("reason").asText().contains(contains));
    }

    private static JsonNode khaosReturn(String ref) throws Exception {
        HttpResponse<String> answer = sandbox.send("GET", "/khaos-sim/_control/returns/" + ref, null);
        return answer.statusCode() == 200 ? RunningSandbox.JSON.readTree(answer.body()) : null;
    }

    private static int khaosPhysical(String code) throws Exception {
        int physical = 0;
        for (JsonNode s : sandbox.json("GET", "/khaos-sim/_control/stock/" + code, null).path("sites")) {
            physical += s.path("physical").asInt();
        }
        return physical;
    }

    private static int shopStock(String sku) throws Exception {
        return sandbox.json("GET", "/shopware-sim/_control/products/" + sku, null).path("stock").asInt();
    }

    private static void refund(JsonNode shopOrder, String transition) throws Exception {
        refund(shopOrder, transition, "{}");
    }

    private static void refund(JsonNode shopOrder, String transition, String body) throws Exception {
        String transaction = shopOrder.path("transactions").path(0).path("id").asText(shopOrder.path("transactionId").asText());
        sandbox.json("POST", "/shopware-sim/_control/order_transaction/" + transaction + "/state/" + transition, body);
    }

    @Test
    void aDespatchedOrderRefundedInFull_comesBackAsAProcessedReturn_andItsGoodsReachTheShopsFigureAgain() throws Exception {
        String sku = "SCARF-MER-GRY";
        JsonNode order = imported(sandbox, "standard", sku, "2");
        String number = order.path("orderNumber").asText();
        despatch(sandbox, number, "{}");
        awaitLedger(sandbox, order.path("id").asText(), e -> e.path("state").asText().equals("WRITTEN_BACK"), "WRITTEN_BACK");
        Await.khaosPushesHandled(sandbox, "despatch", Duration.ofSeconds(60));
        int physicalBefore = khaosPhysical(sku);
        int shopBefore = Await.until(sku + " in the shop to settle", Duration.ofSeconds(40), () -> shopStock(sku), s -> true);

        refund(order, "refund");

        JsonNode problem = awaitException("REFUNDED_IN_SHOP#" + number, "return " + number + "-R1");
        assertThat(problem.path("reason").asText()).contains("refunded in full", "2 × " + sku);
        JsonNode taken = Await.until("Khaos to import return " + number + "-R1", Duration.ofSeconds(40), () -> khaosReturn(number + "-R1"),
                r -> r != null && r.path("status").asText().equals("Processed"));
        assertThat(taken.toString()).contains(sku);
        assertThat(khaosPhysical(sku)).as("the goods are back in Khaos's stock").isEqualTo(physicalBefore + 2);
        Await.until(sku + " in the shop to rise by the 2 returned", Duration.ofSeconds(40), () -> shopStock(sku), s -> s == shopBefore + 2);

        JsonNode entry = awaitLedger(sandbox, order.path("id").asText(),
                e -> e.path("timeline").toString().contains("return taken by Khaos"), "its return acknowledged by Khaos");
        assertThat(entry.path("timeline").toString()).contains("return " + number + "-R1");
        assertThat(exception("REFUNDED_IN_SHOP#" + number).path("status").asText())
                .as("Khaos took the refund's return: finance's problem is settled").isEqualTo("RESOLVED");

        assertThat(khaosReturn(number + "-R2")).as("one refund, one return").isNull();

        // the night reports the refund as settled in Khaos: explained, nobody to act
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString();
        sandbox.json("POST", "/sandbox/reconciliation/run?date=" + today, null);
        JsonNode report = RunningSandbox.JSON.readTree(ops("GET", "/ops/api/reconciliation/" + today + "?reason=REFUNDED_IN_SHOP&size=1000",
                null).body());
        JsonNode line = null;
        for (JsonNode l : report.path("lines")) {
            line = l.path("orderNumber").asText().equals(number) ? l : line;
        }
        assertThat(line).as(number + " in " + report).isNotNull();
        assertThat(line.path("needsAPerson").asBoolean()).isFalse();
        assertThat(line.path("whoActs").asText()).isEqualTo("nobody: Khaos took customer return " + number + "-R1, its credit for the refund");
        assertThat(line.path("exceptionIds").toString()).contains("REFUNDED_IN_SHOP#" + number);
    }

    @Test
    void aRefundOfAnOrderKhaosHasNotDespatched_isNeverAReturn() throws Exception {
        JsonNode order = imported(sandbox, "standard", "HAT-BEANIE-NVY", "1");
        String number = order.path("orderNumber").asText();

        refund(order, "refund");

        assertThat(awaitException("REFUNDED_IN_SHOP#" + number, "no return into Khaos").path("reason").asText())
                .contains("nothing has left Khaos's warehouse");
        sandbox.json("POST", "/khaos-sim/_control/returns/poll", null);
        assertThat(khaosReturn(number + "-R1")).isNull();
        assertThat(sandbox.json("GET", "/khaos-sim/_control/returns", null).toString()).doesNotContain(number + "-R");
    }

    /** An order imported, despatched whole and written back: Khaos has shipped every unit. */
    private static JsonNode despatchedWhole(String... skuAndQuantity) throws Exception {
        JsonNode order = imported(sandbox, "standard", skuAndQuantity);
        despatch(sandbox, order.path("orderNumber").asText(), "{}");
        awaitLedger(sandbox, order.path("id").asText(), e -> e.path("state").asText().equals("WRITTEN_BACK"), "WRITTEN_BACK");
        return order;
    }

    @Test
    void aPersonsPick_isCheckedAgainstWhatLeftTheWarehouse_andBadInputIsRefusedSayingWhy() throws Exception {
        JsonNode order = despatchedWhole("SOCKS-WOOL-3PK", "2");
        String number = order.path("orderNumber").asText();
        JsonNode view = RunningSandbox.JSON.readTree(ops("GET", "/ops/api/orders/" + number + "/return", null).body());
        assertThat(view.path("urn").asText()).as("the shop's customer number named the account").isNotEmpty();
        JsonNode line = view.path("lines").path(0);
        assertThat(line.path("sku").asText()).isEqualTo("SOCKS-WOOL-3PK");
        assertThat(line.path("returnable").asInt()).isEqualTo(2);
        String lineId = line.path("lineItemId").asText();

        HttpResponse<String> tooMany = ops("POST", "/ops/api/orders/" + number + "/returns",
                "{\"lines\":[{\"lineItemId\":\"" + lineId + "\",\"quantity\":3}]}");
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(409);
        assertThat(tooMany.body()).contains("more than can come back");
        assertThat(ops("POST", "/ops/api/orders/" + number + "/returns", "{\"lines\":[{\"lineItemId\":\"nope\",\"quantity\":1}]}")
                .statusCode()).isEqualTo(400);
        assertThat(ops("POST", "/ops/api/orders/" + number + "/returns", "not json").statusCode()).isEqualTo(400);
        assertThat(ops("POST", "/ops/api/orders/" + number + "/returns", "{\"lines\":[{\"lineItemId\":\"" + lineId
                + "\",\"quantity\":1.5}]}").statusCode()).isEqualTo(400);
        assertThat(ops("POST", "/ops/api/orders/NO-SUCH/returns", "{\"lines\":[]}").statusCode()).isEqualTo(404);

        String pick = "{\"lines\":[{\"lineItemId\":\"" + lineId + "\",\"quantity\":1}]}";
        HttpResponse<String> made = ops("POST", "/ops/api/orders/" + number + "/returns", pick);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(RunningSandbox.JSON.readTree(made.body()).path("associatedRef").asText()).isEqualTo(number + "-R1");
        assertThat(RunningSandbox.JSON.readTree(ops("POST", "/ops/api/orders/" + number + "/returns", pick).body())
                .path("associatedRef").asText()).as("the same pick twice (a double click) is one return").isEqualTo(number + "-R1");
        Await.until("Khaos to import return " + number + "-R1", Duration.ofSeconds(40), () -> khaosReturn(number + "-R1"),
                r -> r != null && r.path("items").path(0).path("quantity").asDouble() == 1.0);
    }

    @Test
    void aPartialRefundWithoutItsItems_isPickedByAPersonInTheConsole_inChromium_andReachesKhaos() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.err.println("SKIPPING the browser test: no Chromium at " + chromium + " (apt-get install -y chromium; CI does)");
        }
        assumeTrue(Files.isExecutable(chromium), "Chromium at " + chromium);
        Path root = RunningSandbox.repositoryRoot();
        JsonNode order = despatchedWhole("HAT-BEANIE-NVY", "1", "SCARF-MER-GRY", "2");
        String number = order.path("orderNumber").asText();
        refund(order, "refund_partially", "{\"refundAmount\":20.00,\"reason\":\"one scarf came back\"}");
        awaitException("REFUNDED_IN_SHOP#" + number, "without saying which items come back");

        Process node = new ProcessBuilder("node", root.resolve("tools/browser/returns.mjs").toString(), sandbox.baseUrl, number,
                "SCARF-MER-GRY", "1").directory(root.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output.strip());
        assertThat(finished).as("the browser run finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("made " + number + "-R1").contains("ok");

        JsonNode taken = Await.until("Khaos to import return " + number + "-R1", Duration.ofSeconds(40), () -> khaosReturn(number + "-R1"),
                r -> r != null && r.path("status").asText().equals("Processed"));
        assertThat(taken.path("items")).singleElement().satisfies(i -> {
            assertThat(i.path("stockCode").asText()).isEqualTo("SCARF-MER-GRY");
            assertThat(i.path("quantity").asDouble()).isEqualTo(1.0);
        });
        JsonNode settled = Await.until("the refund's problem settled by Khaos taking the return", Duration.ofSeconds(40),
                () -> exception("REFUNDED_IN_SHOP#" + number), e -> e != null && e.path("status").asText().equals("RESOLVED"));
        assertThat(settled.path("resolvedBy").asText()).contains(number + "-R1");
    }

    @Test
    void aPartialRefundWhoseItemsTheShopsOwnReturnNames_comesBackToKhaosWithThem_withoutAPerson() throws Exception {
        sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"orderReturns\":\"commercial\"}");
        try {
            JsonNode order = despatchedWhole("CANDLE-SOY-LRG", "2", "HAT-BEANIE-NVY", "1");
            String number = order.path("orderNumber").asText();
            sandbox.json("POST", "/shopware-sim/_control/orders/" + number + "/returns",
                    "{\"lines\":[{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1,\"reason\":\"unwanted\"}],\"state\":\"cancelled\"}");
            sandbox.json("POST", "/shopware-sim/_control/orders/" + number + "/returns",
                    "{\"lines\":[{\"sku\":\"CANDLE-SOY-LRG\",\"quantity\":1,\"reason\":\"damaged\"}]}");
            // the shop's reason, mapped on the console's mappings screen to one the Khaos administrator configured
            HttpResponse<String> mapped = ops("POST", "/ops/api/mappings", "{\"kind\":\"RETURN_REASON\",\"key\":\"reason:damaged\","
                    + "\"value\":\"2\"}");
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
            refund(order, "refund_partially", "{\"refundAmount\":12.00,\"reason\":\"one candle broken\"}");

            JsonNode taken = Await.until("Khaos to import return " + number + "-R1", Duration.ofSeconds(40), () -> khaosReturn(number + "-R1"),
                    r -> r != null && r.path("status").asText().equals("Processed"));
            assertThat(taken.path("items")).as("a return customer service cancelled brings nothing back").singleElement().satisfies(i -> {
                assertThat(i.path("stockCode").asText()).isEqualTo("CANDLE-SOY-LRG");
                assertThat(i.path("quantity").asDouble()).isEqualTo(1.0);
                assertThat(i.path("reason").asText()).as("the shop's reason \"damaged\", as mapped").isEqualTo("Damaged in transit");
            });
            assertThat(exception("REFUNDED_IN_SHOP#" + number).path("reason").asText()).contains("return " + number + "-R1 (1 × CANDLE-SOY-LRG)");
        } finally {
            sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"orderReturns\":\"absent\"}");
        }
    }
}
