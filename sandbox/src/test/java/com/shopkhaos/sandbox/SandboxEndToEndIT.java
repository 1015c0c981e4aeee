package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.model.signing.HmacSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The README's first command, on this machine: the app installs and orders arrive once, whatever the shop and SQS do. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxEndToEndIT {
    private static final String SHOP_SECRET = "e2e-shop-secret-" + "s".repeat(50);
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("SHOPWARE_SHOP_ID", "e2eShop000000001", "SHOPWARE_SHOP_SECRET", SHOP_SECRET));
        System.out.println("sandbox cold start to ready: " + sandbox.startup.toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String placeOrderJson(String sku) {
        return "{\"customer\":\"omar\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"shippingMethod\":\"express\",\"paid\":false}";
    }

    /**
     * The order-events messages order-sync handled for the order, once it handled any and every message queued so far
     * was handled (the webhooks were answered before this is called, so a second copy would be among them).
     */
    private static List<JsonNode> handledFor(String orderId) throws Exception {
        String path = "/sandbox/order-sync/processed?orderId=" + orderId;
        Await.until("order-sync to handle a message of order " + orderId, Duration.ofSeconds(30),
                () -> sandbox.json("GET", path, null), processed -> !processed.isEmpty());
        Await.orderEventsHandled(sandbox);
        List<JsonNode> handled = new ArrayList<>();
        sandbox.json("GET", path, null).forEach(handled::add);
        return handled;
    }

    private static JsonNode awaitLedger(String orderId, Predicate<JsonNode> condition) throws Exception {
        return Await.until("order " + orderId + " in the ledger as expected", Duration.ofSeconds(30), () -> {
            var response = sandbox.get("/sandbox/orders/" + orderId);
            return response.statusCode() == 200 ? RunningSandbox.JSON.readTree(response.body()) : null;
        }, entry -> entry != null && condition.test(entry));
    }

    @Test
    @Order(1)
    void theReadmeCommand_startsEverything_andInstallsOurAppIntoTheShop() throws Exception {
        assertThat(sandbox.output()).contains("App installed in the simulated shop e2eShop000000001");
        assertThat(sandbox.get("/health").statusCode()).isEqualTo(200);
        JsonNode app = sandbox.json("GET", "/shopware-sim/_control/apps", null).path("apps").path(0);
        assertThat(app.path("name").asText()).isEqualTo("KhaosControlConnector");
        assertThat(app.path("webhooks")).extracting(w -> w.path("event").asText())
                .contains("checkout.order.placed", "state_enter.order_transaction.state.paid", "state_enter.order.state.cancelled");
        assertThat(app.path("webhooks")).allMatch(w -> w.path("active").asBoolean());
    }

    @Test
    @Order(2)
    void anyoneWithTheConfiguredShopSecret_canSignATestWebhook_andAForgedOneIsRefused() throws Exception {
        String body = "{\"data\":{\"payload\":{\"order\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"orderNumber\":\"T-1\"}},"
                + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/x\",\"eventId\":\"manual-event-1\","
                + "\"shopId\":\"e2eShop000000001\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
        assertThat(sandbox.send("POST", "/webhooks/shopware", body, "shopware-shop-signature",
                HmacSignature.sign("forged", body)).statusCode()).isEqualTo(401);
        assertThat(sandbox.send("POST", "/webhooks/shopware", body, "shopware-shop-signature",
                HmacSignature.sign(SHOP_SECRET, body)).statusCode()).isEqualTo(200);
        assertThat(handledFor("0123456789abcdef0123456789abcdef")).singleElement().satisfies(m -> {
            assertThat(m.path("eventId").asText()).isEqualTo("manual-event-1");
            assertThat(m.path("outcome").asText()).as("the shop has no such order").isEqualTo("WITHDRAWN");
        });
        assertThat(sandbox.json("GET", "/sandbox/exceptions", null)).extracting(e -> e.path("id").asText())
                .contains("ORDER_NOT_FOUND#T-1");
    }

    @Test
    @Order(3)
    void anOrderWhoseWebhookIsDeliveredThreeTimes_arrivesOnceInLedgerAndQueue() throws Exception {
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookCopies\":3}");
        try {
            JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", placeOrderJson("SCARF-MER-GRY"));
            String orderId = order.path("id").asText();
            JsonNode entry = awaitLedger(orderId, e -> e.path("state").asText().equals("AWAITING_PAYMENT"));
            assertThat(entry.path("orderNumber").asText()).isEqualTo(order.path("orderNumber").asText());
            assertThat(entry.path("timeline")).extracting(t -> t.path("event").asText())
                    .containsExactly("webhook checkout.order.placed", "RECEIVED → AWAITING_PAYMENT");

            JsonNode deliveries = sandbox.json("GET", "/shopware-sim/_control/webhooks/deliveries?event=checkout.order.placed", null)
                    .path("deliveries");
            List<JsonNode> forThisOrder = new ArrayList<>();
            deliveries.forEach(forThisOrder::add);
            String eventId = forThisOrder.get(forThisOrder.size() - 1).path("eventId").asText();
            assertThat(forThisOrder).filteredOn(d -> d.path("eventId").asText().equals(eventId)).hasSize(3)
                    .allMatch(d -> d.path("status").asInt() == 200);

            assertThat(handledFor(orderId)).singleElement()
                    .satisfies(m -> assertThat(m.path("type").asText()).isEqualTo("ORDER_PLACED"));
            assertThat(sandbox.json("GET", "/sandbox/intake", null).path("outcomes").path("DUPLICATE").asInt()).isGreaterThanOrEqualTo(2);
        } finally {
            sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookCopies\":1}");
        }
    }

    @Test
    @Order(4)
    void withSqsFailingOnce_theShopsRetryStillQueuesTheEventOnce() throws Exception {
        sandbox.json("PUT", "/shopware-sim/_control/webhooks/mode", "{\"mode\":\"queued\"}");
        sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"retryDelayScale\":0.2}");
        sandbox.json("POST", "/sandbox/faults", "{\"orderEventsSendFailures\":1}");
        try {
            JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", placeOrderJson("HAT-BEANIE-NVY"));
            String orderId = order.path("id").asText();
            awaitLedger(orderId, e -> !e.path("state").asText().isEmpty());
            List<JsonNode> attempts = Await.until("the shop's second attempt answered 200", Duration.ofSeconds(20), () -> {
                List<JsonNode> read = new ArrayList<>();
                sandbox.json("GET", "/shopware-sim/_control/webhooks/deliveries?event=checkout.order.placed", null)
                        .path("deliveries").forEach(read::add);
                return read;
            }, read -> read.stream().anyMatch(d -> d.path("attempt").asInt() == 2 && d.path("status").asInt() == 200));
            String eventId = attempts.get(attempts.size() - 1).path("eventId").asText();
            assertThat(attempts).filteredOn(d -> d.path("eventId").asText().equals(eventId))
                    .extracting(d -> d.path("status").asInt()).containsExactly(503, 200);
            assertThat(handledFor(orderId)).hasSize(1);
        } finally {
            sandbox.json("PUT", "/shopware-sim/_control/webhooks/mode", "{\"mode\":\"sync\"}");
        }
    }

    @Test
    @Order(5)
    void theKhaosSimulator_readsOurChannelConfig_andOurChannelKeepsItsCatalogue() throws Exception {
        JsonNode kcc = sandbox.json("GET", "/khaos-sim/_control", null);
        assertThat(kcc.path("connection").path("connected").asBoolean()).isTrue();
        assertThat(kcc.path("connection").path("endpoints").path("orderDownloadUrl").asText()).isEqualTo(sandbox.baseUrl + "/khaos/orders");
        JsonNode poll = sandbox.json("POST", "/khaos-sim/_control/poll", null);
        assertThat(poll.path("status").asText()).isEqualTo("ok");
        assertThat(poll.path("nextContinuation").asText()).isEqualTo(poll.path("sentContinuation").asText());

        JsonNode catalogue = Await.until("the channel's catalogue of 19 items", Duration.ofSeconds(20),
                () -> sandbox.json("GET", "/sandbox/khaos/catalogue?limit=500", null), c -> c.size() >= 19);
        assertThat(catalogue).extracting(i -> i.path("stockCode").asText()).contains("SCARF-MER-GRY", "BK-KNIT-01", "GIFT-SET-KNIT");
        assertThat(catalogue).filteredOn(i -> i.path("stockCode").asText().equals("BK-KNIT-01"))
                .singleElement().satisfies(i -> {
                    assertThat(i.path("otherRef").asText()).isEqualTo("BOOK-KNIT-GUIDE");
                    assertThat(i.path("taxRatePercent").asInt()).isZero();
                });
        assertThat(sandbox.send("GET", "/khaos/config.json", null, "Authorization", "Basic a2hhb3M6d3Jvbmc=").statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(6)
    void aStockChangeInKhaos_reachesOurChannel() throws Exception {
        sandbox.json("POST", "/khaos-sim/_control/stock/CANDLE-SOY-LRG/consume", "{\"quantity\":7,\"site\":1}");
        Await.until("the stock change to reach the channel", Duration.ofSeconds(20),
                SandboxEndToEndIT::candlesAt43InTheInbox, arrived -> arrived);
    }

    @Test
    @Order(7)
    void theSimulatedKhaosOnPremises_answersSoapAtItsDocumentedRoute_andTakesStockThroughItsControlApi() throws Exception {
        sandbox.json("PUT", "/ksd-sim/_control/stock/CANDLE-SOY-LRG", "{\"level\": 12}");
        HttpResponse<String> answer = sandbox.send("POST", "/ksd-sim/KhaosIDS.exe/soap/IKosWeb",
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
                        + "<ns1:ExportStockStatus xmlns:ns1=\"urn:IKosWebIntf-IKosWeb\"><StockCodes>CANDLE-SOY-LRG</StockCodes>"
                        + "<MappingType>1</MappingType><SiteID>1</SiteID></ns1:ExportStockStatus></SOAP-ENV:Body></SOAP-ENV:Envelope>",
                "Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"urn:IKosWebIntf-IKosWeb#ExportStockStatus\"");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("ExportStockStatusResponse").contains("&lt;LEVEL&gt;12&lt;/LEVEL&gt;");
    }

    private static boolean candlesAt43InTheInbox() throws Exception {
        for (JsonNode upload : sandbox.json("GET", "/sandbox/khaos/inbox?kind=STOCK_STATUS&limit=5", null)) {
            JsonNode pushed = RunningSandbox.JSON.readTree(upload.path("body").asText());
            for (JsonNode status : pushed.path("Statuses")) {
                if (status.path("StockCode").asText().equals("CANDLE-SOY-LRG") && status.path("SiteID").asInt() == 1
                        && status.path("Levels").path("Available").asInt() == 43) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CompletableFuture<HttpResponse<String>> sqsCall(URI uri, String form) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(99)
    void ctrlC_stopsTheSandbox_andLeavesNoProcessBehind_evenWithALongPollOpen() throws Exception {
        List<ProcessHandle> children = sandbox.descendants();
        assertThat(children).as("the DynamoDB emulator runs as a child process").isNotEmpty();
        assertThat(sandbox.output()).as("Ctrl-C reaches the sandbox").doesNotContain("Ctrl-C (SIGINT) ignored");
        // someone long-polls a queue of the sandbox's SQS (20 s, as the AWS CLI may): the stop must not wait for it
        String sqs = sandbox.output().replaceAll("(?s).*SQS (http://127\\.0\\.0\\.1:\\d+).*", "$1");
        String queues = sqsCall(URI.create(sqs + "/"), "Action=ListQueues").join().body();
        URI dlq = URI.create(queues.replaceAll("(?s).*?<QueueUrl>([^<]*-dlq)</QueueUrl>.*", "$1"));
        CompletableFuture<HttpResponse<String>> longPoll = sqsCall(dlq, "Action=ReceiveMessage&WaitTimeSeconds=20");
        assertThat(sqsCall(dlq, "Action=GetQueueAttributes&AttributeName.1=All").join().statusCode()).isEqualTo(200);
        assertThat(longPoll).as("the long poll is open").isNotDone();

        assertThat(sandbox.interrupt(Duration.ofSeconds(30))).as("stopped within 30 s of Ctrl-C").isTrue();
        assertThat(longPoll).as("the stop cut the open long poll off instead of waiting for its answer")
                .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class);
        Await.until("the sandbox's child processes to end", Duration.ofSeconds(10),
                () -> children.stream().anyMatch(ProcessHandle::isAlive), alive -> !alive);
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }
}
