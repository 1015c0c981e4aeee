package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders into Khaos Control, as ops would watch them in the running sandbox: the simulated shop places
 * orders, order-sync checks them, the simulated KCC downloads and imports them. Every order ends in Khaos
 * exactly once or in the exception ledger with a reason, and a held order never holds up the next one.
 */
class OrderFlowIT {
    private static final String OPS_KEY = "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY;
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "ORDER_SWEEP_GRACE", "2s",
                "KHAOS_CONFIRMATION_AFTER", "3s", "SANDBOX_SWEEP_SECONDS", "0", "SANDBOX_ORDER_SYNC_VISIBILITY_SECONDS", "2",
                "SHOPWARE_SHOP_ID", "flowShop00000001", "SANDBOX_STOCK_RECONCILE_SECONDS", "0",
                // every flow reads the shop's secret itself, as each Lambda does in its own JVM (the IAM test holds
                // the sweep's read against its role); in one JVM a cached read would hide it
                "SHOPKHAOS_SECRETS_TTL", "0S"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void everythingBackOn() throws Exception {
        sandbox.json("PUT", "/sandbox/order-sync", "{\"running\":true}");
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":0}");
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"importErrorRate\":0}");
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"pollSeconds\":1}");
        sandbox.json("PUT", "/sandbox/stock", "{\"running\":true}");
    }

    private static JsonNode place(String customer, String sku, String shipping, boolean paid) throws Exception {
        return sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1}],\"shippingMethod\":\"" + shipping + "\",\"paid\":" + paid + "}");
    }

    private static JsonNode await(String orderId, Predicate<JsonNode> condition, String what) throws Exception {
        return Await.until("order " + orderId + " to become " + what, Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = sandbox.get("/sandbox/orders/" + orderId);
            return response.statusCode() == 200 ? RunningSandbox.JSON.readTree(response.body()) : null;
        }, entry -> entry != null && condition.test(entry));
    }

    private static JsonNode awaitState(JsonNode order, String state) throws Exception {
        return await(order.path("id").asText(), e -> e.path("state").asText().equals(state), state);
    }

    /** Waits until order-sync has handled {@code events} of the order's messages (a later one re-checks the order). */
    private static void awaitEventsHandled(JsonNode order, int events) throws Exception {
        Await.until("order-sync to handle " + events + " of the order's messages", Duration.ofSeconds(20),
                () -> sandbox.json("GET", "/sandbox/order-sync/processed?orderId=" + order.path("id").asText(), null),
                processed -> {
                    int handled = 0;
                    for (JsonNode p : processed) {
                        handled += p.path("outcome").asText().startsWith("FAILED") ? 0 : 1;
                    }
                    return handled >= events;
                });
    }

    private static List<JsonNode> khaosOrders(String associatedRef) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        sandbox.json("GET", "/khaos-sim/_control/orders", null).path("orders").forEach(o -> {
            if (o.path("associatedRef").asText().equals(associatedRef)) {
                found.add(o);
            }
        });
        return found;
    }

    private static JsonNode openException(String id) throws Exception {
        for (JsonNode e : sandbox.json("GET", "/sandbox/exceptions?limit=500", null)) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private static HttpResponse<String> retry(String orderNumber) throws Exception {
        return sandbox.send("POST", "/ops/orders/" + orderNumber + "/retry", null, "Authorization", OPS_KEY, "X-Ops-User", "flow test");
    }

    @Test
    void aPaidOrder_reachesKhaosOnce_underItsShopOrderNumber() throws Exception {
        JsonNode order = place("jane", "SCARF-MER-GRY", "standard", true);
        String number = order.path("orderNumber").asText();

        JsonNode entry = awaitState(order, "IMPORTED");
        Await.khaosPolledAfter(sandbox, Await.lastKhaosPoll(sandbox), 2); // KCC downloaded again since: nothing new for it

        List<JsonNode> inKhaos = khaosOrders(number);
        assertThat(inKhaos).as("imported exactly once, however often KCC polled").hasSize(1);
        assertThat(entry.path("khaos").path("khaosOrderCode").asText()).isEqualTo(inKhaos.get(0).path("orderCode").asText());
        assertThat(entry.path("timeline")).extracting(t -> t.path("state").asText()).contains("READY", "DOWNLOADED", "IMPORTED");
    }

    @Test
    void anUnpaidOrder_waitsForItsPayment_thenGoes() throws Exception {
        JsonNode order = place("omar", "HAT-BEANIE-NVY", "express", false);
        awaitState(order, "AWAITING_PAYMENT");
        Await.orderEventsHandled(sandbox); // the placed message handled, and nothing else of the order's waiting
        Await.khaosPolledAfter(sandbox, Await.lastKhaosPoll(sandbox), 2); // KCC looked since, and was offered nothing of it
        assertThat(khaosOrders(order.path("orderNumber").asText())).isEmpty();

        sandbox.json("POST", "/shopware-sim/_control/orders/" + order.path("id").asText() + "/pay", null);

        awaitState(order, "IMPORTED");
        assertThat(khaosOrders(order.path("orderNumber").asText())).singleElement()
                .satisfies(o -> assertThat(o.path("payments").toString()).as("the payment went with it").contains("Card"));
    }

    @Test
    void anOrderWithAnUnmappedDeliveryMethod_isHeld_withoutHoldingUpTheNext_andAfterTheMappingARetrySendsIt() throws Exception {
        JsonNode held = place("siobhan", "SOCKS-WOOL-3PK", "legacy", true);
        JsonNode next = place("gareth", "SOCKS-BAMBOO-2PK", "standard", true);
        String number = held.path("orderNumber").asText();

        awaitState(held, "QUARANTINED");
        awaitEventsHandled(held, 2); // placed and paid: the occurrences counted below are the retries'
        awaitState(next, "IMPORTED");
        String exceptionId = "UNMAPPED_DELIVERY_METHOD#" + number + ":delivery-Courier (legacy setup)";
        assertThat(openException(exceptionId)).isNotNull();
        assertThat(openException(exceptionId).path("reason").asText()).contains("Courier (legacy setup)");
        assertThat(khaosOrders(number)).isEmpty();

        assertThat(retry(number).statusCode()).as("retried before anything was fixed").isEqualTo(202);
        await(held.path("id").asText(), e -> e.path("timeline").toString().contains("retried, still"), "retried");
        assertThat(openException(exceptionId).path("occurrences").asInt()).isEqualTo(2);

        sandbox.json("PUT", "/sandbox/mappings/COURIER/Courier (legacy setup)".replace(" ", "%20"), "{\"value\":\"DPDND\"}");
        assertThat(retry(number).statusCode()).isEqualTo(202);

        awaitState(held, "IMPORTED");
        assertThat(openException(exceptionId)).as("resolved by the retry that sent the order").isNull();
        assertThat(khaosOrders(number)).singleElement()
                .satisfies(o -> assertThat(o.toString()).contains("DPDND"));
        assertThat(retry(number).statusCode()).as("Khaos has it now: nothing to retry").isEqualTo(409);
    }

    @Test
    void productsKhaosDoesNotKnowOrHasDiscontinued_holdTheOrder_withOneExceptionEach() throws Exception {
        JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"lines\":["
                + "{\"sku\":\"UMBRELLA-GOLF\",\"quantity\":1},{\"sku\":\"LAMP-BRASS-DESK\",\"quantity\":1},"
                + "{\"sku\":\"CANDLE-SOY-LRG\",\"quantity\":2}],\"shippingMethod\":\"nextday\",\"paid\":true}");
        String number = order.path("orderNumber").asText();

        JsonNode entry = awaitState(order, "QUARANTINED");

        assertThat(entry.path("exceptionIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("UNKNOWN_SKU#" + number + ":UMBRELLA-GOLF", "DISCONTINUED_ITEM#" + number + ":LAMP-BRASS-DESK");
        assertThat(openException("UNKNOWN_SKU#" + number + ":UMBRELLA-GOLF")).isNotNull();
        assertThat(openException("DISCONTINUED_ITEM#" + number + ":LAMP-BRASS-DESK")).isNotNull();
    }

    private static void khaosStock(String code, int physical) throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/stock/" + code + "/sites/1", "{\"physical\":" + physical + "}");
        Await.until("Khaos to finish pushing", Duration.ofSeconds(10), () -> sandbox.json("GET", "/khaos-sim/_control/pushes", null),
                pushes -> pushes.path("idle").asBoolean());
    }

    @Test
    void aRunToZeroItemKhaosHasTooFewOf_holdsTheOrder_untilKhaosReportsEnough() throws Exception {
        // stock sync paused: the shop still shows what it had when Khaos's figure dropped (the race this check covers)
        sandbox.json("PUT", "/sandbox/stock", "{\"running\":false}");
        sandbox.json("PUT", "/shopware-sim/_control/products/MUG-STONE-BLU/stock", "{\"stock\":5}");
        khaosStock("MUG-STONE-BLU", 1);
        JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"lines\":["
                + "{\"sku\":\"MUG-STONE-BLU\",\"quantity\":2}],\"shippingMethod\":\"standard\",\"paid\":true}");
        String number = order.path("orderNumber").asText();

        JsonNode held = awaitState(order, "QUARANTINED");
        // placed and paid: both messages handled, so Khaos's new figure below reaches the order only through the retry
        awaitEventsHandled(order, 2);
        assertThat(held.path("exceptionIds")).extracting(JsonNode::asText)
                .containsExactly("RUN_TO_ZERO_OUT_OF_STOCK#" + number + ":MUG-STONE-BLU");
        assertThat(openException("RUN_TO_ZERO_OUT_OF_STOCK#" + number + ":MUG-STONE-BLU").path("reason").asText())
                .contains("Khaos has 1 available, the order wants 2");

        khaosStock("MUG-STONE-BLU", 6);
        assertThat(retry(number).statusCode()).isEqualTo(202);
        awaitState(order, "IMPORTED");
        assertThat(khaosOrders(number)).hasSize(1);
    }

    @Test
    void anOrderCancelledBeforeKhaosDownloadedIt_isWithdrawn_andNeverReachesKhaos() throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"pollSeconds\":0}");
        JsonNode order = place("omar", "TSHIRT-ORG-BLK-M", "standard", true);
        awaitState(order, "READY");

        sandbox.json("POST", "/shopware-sim/_control/orders/" + order.path("id").asText() + "/cancel", null);
        awaitState(order, "WITHDRAWN");
        String before = Await.lastKhaosPoll(sandbox);
        sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"pollSeconds\":1}");
        Await.khaosPolledAfter(sandbox, before, 2); // KCC downloaded since the withdrawal, and was offered nothing of it

        assertThat(khaosOrders(order.path("orderNumber").asText())).isEmpty();
    }

    @Test
    void anOrderCancelledInTheShopAfterKhaosImportedIt_isPutInFrontOfAPerson() throws Exception {
        JsonNode order = place("gareth", "CANDLE-SOY-LRG", "collect", true);
        String number = order.path("orderNumber").asText();
        awaitState(order, "IMPORTED");

        sandbox.json("POST", "/shopware-sim/_control/orders/" + order.path("id").asText() + "/cancel", null);

        await(order.path("id").asText(), e -> e.path("timeline").toString().contains("cancelled in the shop"), "noted");
        assertThat(openException("CANCELLED_AFTER_DOWNLOAD#" + number)).isNotNull();
        assertThat(openException("CANCELLED_AFTER_DOWNLOAD#" + number).path("reason").asText()).contains("as SO");
        assertThat(khaosOrders(number)).singleElement()
                .satisfies(o -> assertThat(o.path("status").asText()).as("Khaos still has it: a person cancels it there")
                        .isNotEqualTo("Cancelled"));
    }

    @Test
    void anOrderDeletedInTheShopBeforeWeReadIt_isWithdrawn_withAnExplanation() throws Exception {
        // paused when the answer comes: a worker whose open receive brings the order's message hands it back untouched
        sandbox.json("PUT", "/sandbox/order-sync", "{\"running\":false}");
        JsonNode order = place("jane", "HAT-BEANIE-NVY", "standard", true);
        String number = order.path("orderNumber").asText();
        awaitState(order, "RECEIVED");
        sandbox.json("DELETE", "/shopware-sim/_control/orders/" + order.path("id").asText(), null);

        sandbox.json("PUT", "/sandbox/order-sync", "{\"running\":true}");

        awaitState(order, "WITHDRAWN");
        assertThat(openException("ORDER_NOT_FOUND#" + number)).isNotNull();
        assertThat(khaosOrders(number)).isEmpty();
    }

    @Test
    void anOrderWhoseWebhooksNeverCame_isFoundByTheSweep_andTheMissingWebhooksAreReported() throws Exception {
        sandbox.json("POST", "/sandbox/order-sync/sweep", null);
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":1}");
        JsonNode order = place("siobhan", "KIDS-COAT-5Y", "standard", true);
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":0}");
        assertThat(sandbox.get("/sandbox/orders/" + order.path("id").asText()).statusCode()).as("no webhook, no entry").isEqualTo(404);

        // the sweep looks only at orders older than ORDER_SWEEP_GRACE (2 s): it runs, as its schedule would, until it is
        JsonNode sweep = Await.until("the sweep to reach the order", Duration.ofSeconds(20),
                () -> sandbox.json("POST", "/sandbox/order-sync/sweep", null),
                s -> s.path("shops").path(0).path("missing").toString().contains("\"" + order.path("orderNumber").asText() + "\""));

        assertThat(sweep.path("shops").path(0).path("missing")).extracting(JsonNode::asText)
                .contains(order.path("orderNumber").asText());
        awaitState(order, "IMPORTED");
        JsonNode missing = openException("WEBHOOKS_MISSING#" + LocalDate.now(ZoneOffset.UTC));
        assertThat(missing).isNotNull();
        assertThat(missing.path("reason").asText()).contains(order.path("orderNumber").asText());
        JsonNode again = sandbox.json("POST", "/sandbox/order-sync/sweep", null);
        assertThat(again.path("shops").path(0).path("missing")).as("the window moved on").isEmpty();
    }

    @Test
    void anOrderKhaosFailsToImport_isReportedAsNotConfirmed_andKhaossOwnRetryImportsIt() throws Exception {
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"importErrorRate\":1}");
        JsonNode order = place("omar", "BLANKET-WOOL-KING", "nextday", true);
        String number = order.path("orderNumber").asText();
        awaitState(order, "DOWNLOADED");
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"importErrorRate\":0}");
        assertThat(sandbox.json("GET", "/khaos-sim/_control/rejected", null).path("rejected").toString()).contains(number);

        // Khaos's confirmation is overdue after KHAOS_CONFIRMATION_AFTER (3 s): the check runs, as its schedule would, until it is
        JsonNode sweep = Await.until("the confirmation check to find the order overdue", Duration.ofSeconds(20),
                () -> sandbox.json("POST", "/sandbox/order-sync/sweep", null),
                s -> s.path("notConfirmedByKhaos").toString().contains("\"" + number + "\""));
        assertThat(sweep.path("notConfirmedByKhaos")).extracting(JsonNode::asText).contains(number);
        assertThat(openException("NOT_CONFIRMED_BY_KHAOS#" + number)).isNotNull();

        JsonNode retried = sandbox.json("POST", "/khaos-sim/_control/orders/retry", "{\"refs\":[\"" + number + "\"]}");
        assertThat(retried.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly(number);
        awaitState(order, "IMPORTED");
        assertThat(khaosOrders(number)).hasSize(1);
    }

    @Test
    void aMalformedStatusPush_isRefusedOrSetAside_andKeptForAPerson() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("khaos:sandbox-channel-password".getBytes());
        assertThat(sandbox.send("POST", "/khaos/order-status", "<Statuses/>", "Authorization", basic).statusCode()).isEqualTo(400);
        HttpResponse<String> partly = sandbox.send("POST", "/khaos/order-status",
                "{\"Statuses\":[{\"OrderCode\":\"SO77\",\"OrderID\":\"77\",\"Status\":\"Teleported\",\"AssociatedRef\":\"10000\"}]}",
                "Authorization", basic);
        assertThat(partly.statusCode()).as("stored, so KCC does not resend it forever").isEqualTo(200);
        List<JsonNode> unreadable = new ArrayList<>();
        sandbox.json("GET", "/sandbox/exceptions?limit=500", null).forEach(e -> {
            if (e.path("id").asText().startsWith("KHAOS_UPLOAD_UNREADABLE#")) {
                unreadable.add(e);
            }
        });
        assertThat(unreadable).anyMatch(e -> e.path("evidence").asText().contains("Teleported"))
                .anyMatch(e -> e.path("evidence").asText().contains("<Statuses/>"));
    }
}
