package com.shopkhaos.sandbox;

import static com.shopkhaos.sandbox.DespatchFlowIT.awaitLedger;
import static com.shopkhaos.sandbox.DespatchFlowIT.awaitShop;
import static com.shopkhaos.sandbox.DespatchFlowIT.codes;
import static com.shopkhaos.sandbox.DespatchFlowIT.consignments;
import static com.shopkhaos.sandbox.DespatchFlowIT.delivery;
import static com.shopkhaos.sandbox.DespatchFlowIT.deliveryState;
import static com.shopkhaos.sandbox.DespatchFlowIT.mails;
import static com.shopkhaos.sandbox.DespatchFlowIT.orderState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order flow where Khaos Control Cloud's spec is silent, under the simulated KCC's hostile answers: KCC imports a
 * repeated AssociatedRef as a second order ({@code duplicateAssociatedRef=import}, set at start-up through
 * {@code KHAOS_SIM_SETTINGS}), stops reading a download we produced ({@code downloadTimeoutRate}), and echoes our
 * cursor after-import, always, or never after a timeout ({@code continuationEcho}). KCC polls only when a test says so,
 * so each download happens exactly where the scenario puts it.
 */
class KhaosUnknownsIT {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "0", "SANDBOX_SWEEP_SECONDS", "0",
                "KHAOS_CONFIRMATION_AFTER", "2s", "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "unknownsShop0001",
                "KHAOS_SIM_SETTINGS", "{\"duplicateAssociatedRef\":\"import\"}"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void kccAsAtStartUp() throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"continuationEcho\":\"after-import\",\"downloadTimeoutRate\":0,"
                + "\"specificIdsFormat\":\"plain\"}");
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushLatencyMs\":0}");
    }

    /** An order placed and paid in the shop (one of each SKU), once it is READY for Khaos: its id and number. */
    private static String[] ready(String... skus) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add("{\"sku\":\"" + sku + "\",\"quantity\":1}");
        }
        JsonNode placed = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"shippingMethod\":\"standard\","
                + "\"paid\":true,\"lines\":[" + String.join(",", lines) + "]}");
        String id = placed.path("id").asText();
        awaitLedger(sandbox, id, e -> e.path("state").asText().equals("READY"), "READY");
        return new String[] {id, placed.path("orderNumber").asText()};
    }

    private static JsonNode poll() throws Exception {
        return sandbox.json("POST", "/khaos-sim/_control/poll", null);
    }

    /** The simulated Khaos's orders for this AssociatedRef. */
    private static List<JsonNode> khaosOrders(String number) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        sandbox.json("GET", "/khaos-sim/_control/orders", null).path("orders").forEach(o -> {
            if (o.path("associatedRef").asText().equals(number)) {
                found.add(o);
            }
        });
        return found;
    }

    /** The ops console's view of one exception, open or resolved. */
    private static JsonNode opsView(String id) throws Exception {
        HttpResponse<String> answer = sandbox.send("GET", "/ops/api/exceptions/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"), null, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return RunningSandbox.JSON.readTree(answer.body());
    }

    /** An open exception as the sandbox lists it, or null. */
    private static JsonNode exception(String id) throws Exception {
        for (JsonNode e : sandbox.json("GET", "/sandbox/exceptions?limit=1000", null)) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void theStartUpSetting_reachesTheSimulatedKhaos() throws Exception {
        assertThat(sandbox.json("GET", "/khaos-sim/_control/settings", null).path("duplicateAssociatedRef").asText()).isEqualTo("import");
    }

    @Test
    void byDefault_aDownloadKhaosStoppedReading_isServedAgain_andImportedOnce() throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"downloadTimeoutRate\":1}");
        String[] order = ready("SCARF-MER-GRY");

        JsonNode timedOut = poll();
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"downloadTimeoutRate\":0}");
        JsonNode again = poll();

        assertThat(timedOut.path("timedOut").asBoolean()).isTrue();
        assertThat(timedOut.path("imported")).isEmpty();
        assertThat(again.path("imported")).extracting(i -> i.path("associatedRef").asText()).contains(order[1]);
        awaitLedger(sandbox, order[0], e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");
        assertThat(khaosOrders(order[1])).as("in Khaos exactly once").hasSize(1);
    }

    @Test
    void aPageKhaosImportedButAskedForAgain_makesASecondKhaosOrder_thatIsCaught_neverShipped_andResolvedByItsCancellation()
            throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"continuationEcho\":\"never-on-timeout\",\"downloadTimeoutRate\":1}");
        // KCC's status pushes land late, so its second download finds the order still waiting for Khaos
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushLatencyMs\":3000}");
        String[] order = ready("HAT-BEANIE-NVY", "SCARF-MER-GRY");
        String number = order[1];

        assertThat(poll().path("imported")).extracting(i -> i.path("associatedRef").asText()).contains(number);
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"downloadTimeoutRate\":0}");
        assertThat(poll().path("imported")).as("the same page again, under the cursor KCC sent before")
                .extracting(i -> i.path("associatedRef").asText()).contains(number);
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushLatencyMs\":0}");
        List<JsonNode> inKhaos = khaosOrders(number);
        assertThat(inKhaos).hasSize(2);

        JsonNode imported = awaitLedger(sandbox, order[0], e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");
        String linked = imported.path("khaos").path("khaosOrderCode").asText();
        String second = inKhaos.stream().map(o -> o.path("orderCode").asText()).filter(c -> !c.equals(linked)).findFirst()
                .orElseThrow();
        String duplicateId = "DUPLICATE_IN_KHAOS#" + number + ":" + second;
        JsonNode duplicate = Await.until(duplicateId, Duration.ofSeconds(40), () -> exception(duplicateId), e -> e != null);
        assertThat(duplicate.path("status").asText()).isEqualTo("OPEN");
        assertThat(duplicate.path("reason").asText()).contains(linked, second, "cancel " + second);

        // the warehouse sends part of the duplicate first: nothing of it may reach the customer's order
        JsonNode secondDespatched = sandbox.json("POST", "/khaos-sim/_control/orders/" + second + "/despatch",
                "{\"lines\":[{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}],\"parcels\":[{\"consignmentRef\":\"DUP-" + number + "\"}]}");
        assertThat(consignments(secondDespatched)).containsExactly("DUP-" + number);
        Await.khaosPushesHandled(sandbox, "despatch", Duration.ofSeconds(60));
        assertThat(deliveryState(DespatchFlowIT.shopOrder(sandbox, number))).isEqualTo("open");
        assertThat(mails(sandbox, number)).isEmpty();

        JsonNode linkedDespatched = sandbox.json("POST", "/khaos-sim/_control/orders/" + linked + "/despatch",
                "{\"parcels\":[{\"consignmentRef\":\"ONE-" + number + "\"}]}");
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped") && orderState(o).equals("completed"),
                "shipped, the order completed");
        assertThat(codes(delivery(shipped))).containsExactlyElementsOf(consignments(linkedDespatched)).containsExactly("ONE-" + number);
        assertThat(mails(sandbox, number)).hasSize(1);

        // cancelling what is left of the duplicate, as the handbook says
        sandbox.json("POST", "/khaos-sim/_control/orders/" + second + "/cancel", null);
        JsonNode resolved = Await.until(duplicateId + " resolved", Duration.ofSeconds(40), () -> opsView(duplicateId),
                e -> e.path("exception").path("status").asText().equals("RESOLVED"));
        assertThat(resolved.path("exception").path("resolvedBy").asText()).contains("cancelled");
        assertThat(orderState(DespatchFlowIT.shopOrder(sandbox, number))).as("the customer's order stands").isEqualTo("completed");
    }

    @Test
    void whereKhaosEchoesEveryCursor_anOrderItNeverGot_isFlaggedNotConfirmed_andKhaossRetryImportsItOnce() throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"continuationEcho\":\"always\",\"downloadTimeoutRate\":1}");
        String[] order = ready("SOCKS-WOOL-3PK");

        assertThat(poll().path("imported")).isEmpty();
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"downloadTimeoutRate\":0}");
        poll();
        awaitLedger(sandbox, order[0], e -> e.path("state").asText().equals("DOWNLOADED"), "DOWNLOADED (acknowledged, never got)");
        assertThat(khaosOrders(order[1])).isEmpty();

        String notConfirmed = "NOT_CONFIRMED_BY_KHAOS#" + order[1];
        Await.until(notConfirmed, Duration.ofSeconds(40), () -> {
            sandbox.json("POST", "/sandbox/order-sync/sweep", null);
            return exception(notConfirmed);
        }, e -> e != null);

        // what the handbook tells the person to do: Khaos's own retry of the order, its list quoted as the spec writes it
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"specificIdsFormat\":\"quoted\"}");
        sandbox.json("POST", "/khaos-sim/_control/orders/retry", "{\"refs\":[\"" + order[1] + "\"]}");
        awaitLedger(sandbox, order[0], e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");
        assertThat(khaosOrders(order[1])).hasSize(1);

        // and a retry of an order Khaos holds is not served again, even where KCC imports repeats
        assertThat(sandbox.json("POST", "/khaos-sim/_control/orders/retry", "{\"refs\":[\"" + order[1] + "\"]}").path("imported"))
                .isEmpty();
        assertThat(khaosOrders(order[1])).hasSize(1);
    }
}
