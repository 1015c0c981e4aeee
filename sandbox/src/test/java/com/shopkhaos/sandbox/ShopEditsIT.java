package com.shopkhaos.sandbox;

import static com.shopkhaos.sandbox.DespatchFlowIT.awaitLedger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order edited in the shop's admin after Khaos took it (Shopware's order versioning, which fires no
 * checkout.order.placed): the sweep finds it changed, order-sync compares it with what Khaos was sent, and a person
 * sees each difference as CHANGED_AFTER_KHAOS_IMPORT, while Khaos keeps the order as sent; put back as sent in the
 * shop, the problem resolves itself.
 */
class ShopEditsIT {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "0", "SANDBOX_SWEEP_SECONDS", "1",
                "ORDER_SWEEP_GRACE", "1s", "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "shopEdits0000001",
                "SHOPWARE_SIM_SETTINGS", "{\"profile\":\"hostile\"}"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The ops console's view of one exception, open or resolved; null when there is none. */
    private static JsonNode opsView(String id) throws Exception {
        HttpResponse<String> answer = sandbox.send("GET", "/ops/api/exceptions/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"), null, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
        return answer.statusCode() == 200 ? RunningSandbox.JSON.readTree(answer.body()).path("exception") : null;
    }

    private static JsonNode awaitException(String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = opsView(id);
            if (seen != null && seen.path("status").asText().equals(status)) {
                return seen;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(id + " never became " + status + "; last seen: " + seen);
    }

    @Test
    void anOrderEditedInTheShopAfterKhaosImportedIt_isPutToAPersonWithEachDifference_andResolvesWhenPutBack() throws Exception {
        JsonNode placed = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"shippingMethod\":\"standard\","
                + "\"paid\":true,\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2},{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}]}");
        String id = placed.path("id").asText();
        String number = placed.path("orderNumber").asText();
        awaitLedger(sandbox, id, e -> e.path("state").asText().equals("READY"), "READY");
        sandbox.json("POST", "/khaos-sim/_control/poll", null);
        awaitLedger(sandbox, id, e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");

        sandbox.json("POST", "/shopware-sim/_control/orders/" + number + "/edit",
                "{\"set\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":3}],\"remove\":[\"HAT-BEANIE-NVY\"]}");

        String problem = "CHANGED_AFTER_KHAOS_IMPORT#" + number;
        JsonNode open = awaitException(problem, "OPEN");
        assertThat(open.path("reason").asText()).contains("order " + number + " was changed in the shop after Khaos took it",
                "line SCARF-MER-GRY: quantity 2 → 3", "line HAT-BEANIE-NVY removed (was 1 × 15.00)", "total ");
        JsonNode khaos = sandbox.json("GET", "/khaos-sim/_control/orders/" + number, null);
        assertThat(khaos.path("lines")).extracting(l -> l.path("stockCode").asText() + " x" + l.path("quantity").asInt())
                .as("Khaos keeps the order as it was sent").containsExactlyInAnyOrder("SCARF-MER-GRY x2", "HAT-BEANIE-NVY x1");
        JsonNode entry = awaitLedger(sandbox, id, e -> e.path("state").asText().equals("IMPORTED"), "still IMPORTED");
        assertThat(entry.toString()).contains("changed in the shop");

        sandbox.json("POST", "/shopware-sim/_control/orders/" + number + "/edit",
                "{\"set\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":2}],\"add\":[{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}]}");

        JsonNode resolved = awaitException(problem, "RESOLVED");
        assertThat(resolved.path("occurrences").asInt()).isEqualTo(1);
    }

    @Test
    void ourWebhooks_areAllSentUnderShopwaresReadChecks_andWhileTheShopsAppUrlChangeIsUnresolved_theSweepStillBringsOrdersIn()
            throws Exception {
        assertThat(sandbox.json("GET", "/shopware-sim/_control/webhooks/deliveries?limit=1000", null).toString())
                .as("our manifest may read every event it subscribes to").doesNotContain("\"withheld\"");
        sandbox.json("POST", "/shopware-sim/_control/app-url-change", "{}");
        try {
            JsonNode placed = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"shippingMethod\":"
                    + "\"standard\",\"paid\":true,\"lines\":[{\"sku\":\"SOCKS-WOOL-3PK\",\"quantity\":1}]}");
            JsonNode found = awaitLedger(sandbox, placed.path("id").asText(), e -> e.path("state").asText().equals("READY"),
                    "READY through the sweep alone");
            assertThat(found.toString()).as("no webhook while the change is unresolved").contains("found by the sweep")
                    .doesNotContain("webhook checkout.order.placed");
        } finally {
            JsonNode resolved = sandbox.json("POST", "/shopware-sim/_control/app-url-change/resolve",
                    "{\"strategy\":\"move-shop-permanently\"}");
            assertThat(resolved.toString()).contains("move-shop-permanently");
        }
        JsonNode after = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"shippingMethod\":"
                + "\"standard\",\"paid\":true,\"lines\":[{\"sku\":\"SOCKS-WOOL-3PK\",\"quantity\":1}]}");
        JsonNode ready = awaitLedger(sandbox, after.path("id").asText(), e -> e.path("state").asText().equals("READY"),
                "READY after the app moved with the shop");
        assertThat(ready.toString()).as("re-registered: webhooks come again, signed with the new shop secret")
                .contains("webhook checkout.order.placed");
    }
}
