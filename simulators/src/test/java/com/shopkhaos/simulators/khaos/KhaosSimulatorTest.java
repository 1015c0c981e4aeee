package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The KCC simulator against a spec-written channel, over HTTP both ways. */
class KhaosSimulatorTest {

    @Test
    void connect_readsTheConfigWithBasicAuth_andPushesCatalogueAndLevels() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            TestChannel.Call configCall = kcc.channel.calls("/config.json").get(0);
            assertThat(configCall.headers().get("Authorization")).isEqualTo("Basic a2hhb3M6Y29udHJvbA==");

            List<JsonNode> items = kcc.channel.pushedEntries("/stock", "Items");
            assertThat(items).extracting(i -> i.path("StockCode").asText())
                    .contains("SCARF-MER-GRY", "BK-KNIT-01", "GIFT-SET-KNIT", "WEB-DISCOUNT", "LAMP-BRASS-DESK")
                    .doesNotContain("UMBRELLA-GOLF");
            assertThat(kcc.channel.calls("/stock")).allSatisfy(c -> assertThat(c.json().path("Items").size()).isLessThanOrEqualTo(50));
            JsonNode lamp = items.stream().filter(i -> i.path("StockCode").asText().equals("LAMP-BRASS-DESK")).findFirst().orElseThrow();
            assertThat(lamp.path("Options").path("Discontinued").asBoolean()).isTrue();
            assertThat(lamp.path("TaxRate").path("Code").asText()).isEqualTo("1");

            List<JsonNode> levels = kcc.channel.pushedEntries("/stock-status", "Statuses");
            assertThat(kcc.channel.calls("/stock-status")).allSatisfy(c -> assertThat(c.json().path("Statuses").size()).isLessThanOrEqualTo(100));
            assertThat(levels).filteredOn(s -> s.path("StockCode").asText().equals("SCARF-MER-GRY"))
                    .extracting(s -> s.path("SiteID").asInt() + ":" + s.path("Levels").path("Available").asInt())
                    .containsExactly("1:38", "2:2");
            JsonNode giftSet = levels.stream().filter(s -> s.path("StockCode").asText().equals("GIFT-SET-KNIT")).findFirst().orElseThrow();
            assertThat(giftSet.has("Levels")).as("not stock controlled: no Levels").isFalse();
            assertThat(giftSet.path("RelationshipPotential").path("FromChildren").asInt()).isEqualTo(38);
            assertThat(levels).noneMatch(s -> s.path("StockCode").asText().equals("WEB-DISCOUNT"));
        }
    }

    @Test
    void connect_refusesAWebPage_aMissingEndpoint_andAFailingUrl_butReadsXml() {
        try (SimulatedKhaos kcc = new SimulatedKhaos()) {
            kcc.channel.configType = "text/html";
            kcc.channel.configBody = "<!DOCTYPE html><html><body>Our config</body></html>";
            assertThat(kcc.control("POST", "/connect", null).path("problem").asText()).contains("not to a web page");

            kcc.channel.configType = "application/json";
            kcc.channel.configBody = "{\"EndpointConfig\":{\"OrderDownload\":{\"URL\":\"" + kcc.channel.url("/orders")
                    + "\",\"Format\":\"JSON\",\"Frequency\":15}}}";
            assertThat(kcc.control("POST", "/connect", null).path("problem").asText()).contains("lacks StockStatusUpload");

            kcc.channel.configStatus = 404;
            assertThat(kcc.control("POST", "/connect", null).path("problem").asText()).contains("HTTP 404");
            assertThat(kcc.poll().path("status").asText()).startsWith("not connected");

            kcc.channel.configStatus = 200;
            kcc.channel.configType = "application/xml";
            kcc.channel.configBody = "<?xml version=\"1.0\"?><EndpointConfig><OrderDownload><URL>" + kcc.channel.url("/orders")
                    + "</URL><Format>JSON</Format><Frequency>15</Frequency></OrderDownload><StockStatusUpload><URL>"
                    + kcc.channel.url("/stock-status") + "</URL><Format>JSON</Format></StockStatusUpload><StockUpload><URL>"
                    + kcc.channel.url("/stock") + "</URL><Format>JSON</Format></StockUpload></EndpointConfig>";
            JsonNode connected = kcc.control("POST", "/connect", null);
            assertThat(connected.path("connected").asBoolean()).isTrue();
            assertThat(connected.path("endpoints").path("frequencyMinutes").asInt()).isEqualTo(15);
        }
    }

    @Test
    void polling_sendsTheFirstContactDateTime_thenTheContinuationWeGave() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.poll();
            kcc.channel.continuationToGive = "page-2";
            kcc.poll();
            kcc.poll();
            List<TestChannel.Call> downloads = kcc.channel.calls("/orders");
            assertThat(downloads.get(0).headers().get("Sirion-Continuation")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z");
            assertThat(downloads.get(1).headers().get("Sirion-Continuation")).isEqualTo("page-1");
            assertThat(downloads.get(2).headers().get("Sirion-Continuation")).isEqualTo("page-2");
            assertThat(downloads).allSatisfy(d -> assertThat(d.headers().get("Authorization")).startsWith("Basic "));
        }
    }

    @Test
    void aValidOrder_isImported_allocatesStock_andIsReportedReceived() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            int before = kcc.available("SCARF-MER-GRY", 1);
            ObjectNode order = TestChannel.order("10042", "SCARF-MER-GRY", 2);
            order.with("Header").put("CustomData", "shopware-order-abc");
            kcc.channel.nextOrders.add(order);
            JsonNode poll = kcc.poll();
            assertThat(poll.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("10042");
            assertThat(kcc.available("SCARF-MER-GRY", 1)).isEqualTo(before - 2);

            JsonNode imported = kcc.control("GET", "/orders/10042", null);
            assertThat(imported.path("totals").path("goodsGross").decimalValue()).isEqualByComparingTo("50.00");
            assertThat(imported.path("totals").path("total").decimalValue()).isEqualByComparingTo("53.99");
            kcc.awaitIdle();
            JsonNode status = kcc.channel.pushedEntries("/order-status", "Statuses").get(0);
            assertThat(status.path("Status").asText()).isEqualTo("Received");
            assertThat(status.path("AssociatedRef").asText()).isEqualTo("10042");
            assertThat(status.path("OrderCode").asText()).startsWith("SO");
            assertThat(status.path("CustomData").asText()).isEqualTo("shopware-order-abc");
            assertThat(status.path("Shipments").path(0).path("Status").asText()).isEqualTo("Staging");
            assertThat(status.path("Shipments").path(0).path("Items").path(0).path("ImportRef").asText()).isEqualTo("line-1");
            assertThat(kcc.channel.pushedEntries("/stock-status", "Statuses"))
                    .anyMatch(s -> s.path("StockCode").asText().equals("SCARF-MER-GRY") && s.path("SiteID").asInt() == 1
                            && s.path("Levels").path("Available").asInt() == before - 2);
        }
    }

    @Test
    void aSecondImportOfTheSameRef_isRejected() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.nextOrders.add(TestChannel.order("10050", "HAT-BEANIE-NVY", 1));
            kcc.poll();
            kcc.channel.nextOrders.add(TestChannel.order("10050", "HAT-BEANIE-NVY", 1));
            JsonNode again = kcc.poll();
            assertThat(again.path("rejected").path(0).path("reasons").toString()).contains("already imported");
            assertThat(kcc.control("GET", "/orders", null).path("orders")).hasSize(1);
        }
    }

    @Test
    void underDuplicateAssociatedRefImport_aRepeatedRef_becomesASecondKhaosOrder_withItsOwnCode_andBothAreReported() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            assertThat(kcc.control("GET", "/settings", null).path("duplicateAssociatedRef").asText()).isEqualTo("reject");
            kcc.control("PUT", "/settings", "{\"duplicateAssociatedRef\":\"import\"}");
            kcc.channel.nextOrders.add(TestChannel.order("10051", "HAT-BEANIE-NVY", 1));
            String first = kcc.poll().path("imported").path(0).path("orderCode").asText();
            kcc.channel.nextOrders.add(TestChannel.order("10051", "HAT-BEANIE-NVY", 1));
            JsonNode again = kcc.poll();
            String second = again.path("imported").path(0).path("orderCode").asText();

            assertThat(again.path("rejected")).isEmpty();
            assertThat(second).startsWith("SO").isNotEqualTo(first);
            assertThat(kcc.control("GET", "/orders", null).path("orders")).extracting(o -> o.path("associatedRef").asText())
                    .containsExactly("10051", "10051");
            assertThat(kcc.control("GET", "/orders/" + second, null).path("orderCode").asText()).isEqualTo(second);
            kcc.awaitIdle();
            assertThat(kcc.channel.pushedEntries("/order-status", "Statuses"))
                    .filteredOn(st -> st.path("AssociatedRef").asText().equals("10051"))
                    .extracting(st -> st.path("OrderCode").asText()).contains(first, second);
        }
    }

    @Test
    void aDuplicateAssociatedRefSettingOtherThanRejectOrImport_isRefused_andChangesNothing() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"duplicateAssociatedRef\":\"maybe\",\"retryDelayScale\":0.5}"))
                    .isEqualTo(400);
            JsonNode settings = kcc.control("GET", "/settings", null);
            assertThat(settings.path("duplicateAssociatedRef").asText()).isEqualTo("reject");
            assertThat(settings.path("retryDelayScale").asDouble()).isNotEqualTo(0.5);
        }
    }

    @Test
    void aDownloadKccStopsReading_importsNothing_andTheSameCursorIsSentAgain_byDefault() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.poll();
            kcc.control("PUT", "/settings", "{\"downloadTimeoutRate\":1}");
            kcc.channel.continuationToGive = "page-2";
            kcc.channel.nextOrders.add(TestChannel.order("10061", "HAT-BEANIE-NVY", 1));
            JsonNode timedOut = kcc.poll();
            kcc.control("PUT", "/settings", "{\"downloadTimeoutRate\":0}");
            kcc.poll();

            assertThat(timedOut.path("timedOut").asBoolean()).isTrue();
            assertThat(timedOut.path("imported")).isEmpty();
            List<TestChannel.Call> downloads = kcc.channel.calls("/orders");
            assertThat(downloads.get(2).headers().get("Sirion-Continuation")).as("the cursor of the download that timed out")
                    .isEqualTo("page-1");
            assertThat(kcc.control("GET", "/orders", null).path("orders")).isEmpty();
        }
    }

    @Test
    void underContinuationEchoAlways_aDownloadKccStopsReading_isAcknowledgedAll_theSame_andNothingIsImported() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.poll();
            kcc.control("PUT", "/settings", "{\"continuationEcho\":\"always\",\"downloadTimeoutRate\":1}");
            kcc.channel.continuationToGive = "page-2";
            kcc.channel.nextOrders.add(TestChannel.order("10062", "HAT-BEANIE-NVY", 1));
            kcc.poll();
            kcc.poll();

            assertThat(kcc.channel.calls("/orders").get(2).headers().get("Sirion-Continuation")).isEqualTo("page-2");
            assertThat(kcc.control("GET", "/orders", null).path("orders")).as("the order never reached Khaos").isEmpty();
        }
    }

    @Test
    void underContinuationEchoNeverOnTimeout_theOrdersOfADownloadKccStopsReadingAreImported_yetTheOldCursorComesBack() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.poll();
            kcc.control("PUT", "/settings", "{\"continuationEcho\":\"never-on-timeout\",\"downloadTimeoutRate\":1}");
            kcc.channel.continuationToGive = "page-2";
            kcc.channel.nextOrders.add(TestChannel.order("10063", "HAT-BEANIE-NVY", 1));
            JsonNode timedOut = kcc.poll();
            kcc.poll();

            assertThat(timedOut.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("10063");
            assertThat(kcc.channel.calls("/orders").get(2).headers().get("Sirion-Continuation")).isEqualTo("page-1");
        }
    }

    @Test
    void aContinuationEchoOrTimeoutRateOutsideItsValues_isRefused() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"continuationEcho\":\"sometimes\"}")).isEqualTo(400);
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"downloadTimeoutRate\":1.5}")).isEqualTo(400);
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"downloadTimeoutRate\":\"often\"}")).isEqualTo(400);
            JsonNode settings = kcc.control("GET", "/settings", null);
            assertThat(settings.path("continuationEcho").asText()).isEqualTo("after-import");
            assertThat(settings.path("downloadTimeoutRate").asDouble()).isZero();
        }
    }

    /** Imports one order of {@code sku} under {@code ref}; its status push follows. */
    private static void importOne(SimulatedKhaos kcc, String ref, String sku) {
        kcc.channel.nextOrders.add(TestChannel.order(ref, sku, 1));
        assertThat(kcc.poll().path("imported")).hasSize(1);
    }

    /** The AssociatedRefs of the order statuses answered 200, in the order the answers went. */
    private static List<String> statusesLanded(SimulatedKhaos kcc) {
        List<String> refs = new java.util.ArrayList<>();
        synchronized (kcc.channel.answered) {
            kcc.channel.answered.stream().filter(c -> c.path().equals("/order-status"))
                    .forEach(c -> c.json().path("Statuses").forEach(st -> refs.add(st.path("AssociatedRef").asText())));
        }
        return refs;
    }

    @Test
    void aPushNeverAnswered200_isDroppedAfterPushGiveUpAfterTries_orNeverWhenItIsZero() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"retryDelayScale\":0.01,\"pushGiveUpAfter\":3}");
            kcc.channel.pushAnswer = call -> call.path().equals("/order-status") ? 500 : 200;
            importOne(kcc, "10071", "HAT-BEANIE-NVY");
            kcc.awaitIdle();
            assertThat(kcc.channel.calls("/order-status")).hasSize(3);
            assertThat(kcc.control("GET", "/pushes?kind=OrderStatusUpload", null).toString()).contains("gave-up");

            kcc.control("PUT", "/settings", "{\"pushGiveUpAfter\":0}");
            importOne(kcc, "10072", "HAT-BEANIE-NVY");
            SimulatedKhaos.await(() -> kcc.channel.calls("/order-status").size() >= 3 + 12, "more tries than the default 10");
            assertThat(kcc.control("GET", "/pushes", null).path("idle").asBoolean()).as("still trying").isFalse();
            kcc.channel.pushAnswer = call -> 200;
            kcc.awaitIdle();
            assertThat(statusesLanded(kcc)).containsExactly("10072");
        }
    }

    @Test
    void underPushOrderHeadOfLine_aFailingPushHoldsEveryLaterOne_untilItLands() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"retryDelayScale\":0.2,\"pushOrder\":\"head-of-line\"}");
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            kcc.channel.pushAnswer = call -> call.path().equals("/order-status") && call.body().contains("10081")
                    && refused.getAndIncrement() < 2 ? 500 : 200;
            importOne(kcc, "10081", "HAT-BEANIE-NVY");
            importOne(kcc, "10082", "HAT-BEANIE-NVY");
            kcc.awaitIdle();
            assertThat(statusesLanded(kcc)).containsExactly("10081", "10082");
            assertThat(kcc.channel.calls("/order-status")).extracting(c -> c.body().contains("10081") ? "10081" : "10082")
                    .as("10082 is not even tried before 10081 landed").containsExactly("10081", "10081", "10081", "10082");
        }
    }

    /**
     * KCC's StockStatus carries no version or time: a refused push sent again after a newer one lands last, and the
     * channel keeps the older figure. The stock read says which figure Khaos's pushes left the channel with.
     */
    @Test
    void aRefusedStockPushSentAgainAfterANewerOne_landsLast_andTheStockReadShowsTheFigureItCarried() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"retryDelayScale\":0.2}");
            AtomicInteger stockStatuses = new AtomicInteger();
            kcc.channel.pushAnswer = call -> call.path().equals("/stock-status") && stockStatuses.getAndIncrement() == 0 ? 500 : 200;
            int older = site1(kcc.control("PUT", "/stock/SCARF-MER-GRY/sites/1", "{\"physical\":7}")).path("available").asInt();
            JsonNode now = site1(kcc.control("PUT", "/stock/SCARF-MER-GRY/sites/1", "{\"physical\":9}"));
            kcc.awaitIdle();
            assertThat(older).isNotEqualTo(now.path("available").asInt());
            JsonNode read = site1(kcc.control("GET", "/stock/SCARF-MER-GRY", null));
            assertThat(read.path("available").asInt()).isEqualTo(now.path("available").asInt());
            assertThat(read.path("lastPushed").asInt()).as("the refused first push, sent again after the second landed")
                    .isEqualTo(older);

            kcc.control("POST", "/stock/push-all", null);
            kcc.awaitIdle();
            assertThat(site1(kcc.control("GET", "/stock/SCARF-MER-GRY", null)).path("lastPushed").asInt())
                    .isEqualTo(now.path("available").asInt());
        }
    }

    private static JsonNode site1(JsonNode stock) {
        for (JsonNode site : stock.path("sites")) {
            if (site.path("site").asInt() == 1) {
                return site;
            }
        }
        throw new AssertionError("no site 1 in " + stock);
    }

    @Test
    void underPushOrderParallel_aLaterPushLandsWhileAnEarlierOneIsStillBeingAnswered() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"pushOrder\":\"parallel\"}");
            kcc.channel.pushAnswer = call -> {
                if (call.path().equals("/order-status") && call.body().contains("10091")) {
                    // our answer to the first is slow: it comes only once the second has landed (or after 20 s)
                    try {
                        SimulatedKhaos.await(() -> statusesLanded(kcc).contains("10092"), "the second status landed");
                    } catch (AssertionError oneAtATime) {
                        // the second never came while the first was in flight: answer the first anyway
                    }
                }
                return 200;
            };
            importOne(kcc, "10091", "HAT-BEANIE-NVY");
            importOne(kcc, "10092", "HAT-BEANIE-NVY");
            kcc.awaitIdle();
            assertThat(statusesLanded(kcc)).as("the later status lands first").containsExactly("10092", "10091");
        }
    }

    @Test
    void withStatusesPerPost_severalStatusesShareOnePost_andARefusedPostIsSentAgainWhole() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"retryDelayScale\":0.01,\"statusesPerPost\":2}");
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            kcc.channel.pushAnswer = call -> call.path().equals("/order-status") && refused.getAndIncrement() == 0 ? 500 : 200;
            kcc.channel.nextOrders.add(TestChannel.order("10101", "HAT-BEANIE-NVY", 1));
            kcc.channel.nextOrders.add(TestChannel.order("10102", "HAT-BEANIE-NVY", 1));
            assertThat(kcc.poll().path("imported")).as("one download, two statuses at once").hasSize(2);
            importOne(kcc, "10103", "HAT-BEANIE-NVY");
            kcc.awaitIdle();

            List<TestChannel.Call> posts = kcc.channel.calls("/order-status");
            assertThat(posts.get(0).json().path("Statuses")).hasSize(2);
            assertThat(posts.get(1).body()).as("the refused post, sent again whole").isEqualTo(posts.get(0).body());
            assertThat(statusesLanded(kcc)).containsExactly("10101", "10102", "10103");
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"statusesPerPost\":0}")).isEqualTo(400);
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"pushGiveUpAfter\":-1}")).isEqualTo(400);
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"pushOrder\":\"random\"}")).isEqualTo(400);
        }
    }

    @Test
    void theHostileProfile_setsEveryUnknownToItsHurtingSide_namedSettingsWin_andDefaultPutsThemBack() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            JsonNode hostile = kcc.control("PUT", "/settings", "{\"profile\":\"hostile\",\"statusesPerPost\":2}");
            assertThat(hostile.path("duplicateAssociatedRef").asText()).isEqualTo("import");
            assertThat(hostile.path("continuationEcho").asText()).isEqualTo("never-on-timeout");
            assertThat(hostile.path("downloadTimeoutRate").asDouble()).isPositive();
            assertThat(hostile.path("pushGiveUpAfter").asInt()).isZero();
            assertThat(hostile.path("pushOrder").asText()).isEqualTo("parallel");
            assertThat(hostile.path("specificIdsFormat").asText()).isEqualTo("quoted");
            assertThat(hostile.path("lifecycle").asText()).isEqualTo("full");
            assertThat(hostile.path("statusesPerPost").asInt()).as("named beside the profile").isEqualTo(2);

            JsonNode back = kcc.control("PUT", "/settings", "{\"profile\":\"default\"}");
            assertThat(back.path("duplicateAssociatedRef").asText()).isEqualTo("reject");
            assertThat(back.path("pushOrder").asText()).isEqualTo("fifo");
            assertThat(back.path("pushGiveUpAfter").asInt()).isEqualTo(10);
            assertThat(back.path("lifecycle").asText()).isEqualTo("short");
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"profile\":\"nasty\"}")).isEqualTo(400);
        }
    }

    @Test
    void theDownloadEnvelope_needsApiVersion1000() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.apiVersion = 10000;
            kcc.channel.nextOrders.add(TestChannel.order("10051", "HAT-BEANIE-NVY", 1));
            JsonNode poll = kcc.poll();
            assertThat(poll.path("status").asText()).isEqualTo("download refused");
            assertThat(poll.path("problems").toString()).contains("ApiVersion must be 1000");
            assertThat(kcc.control("GET", "/orders", null).path("orders")).isEmpty();
        }
    }

    @Test
    void linesAreFoundByTheirMapping_andAlternateMappings() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            ObjectNode byStockCode = TestChannel.order("10060", "BOOK-KNIT-GUIDE", 1);
            ObjectNode byOtherRef = TestChannel.order("10061", "BOOK-KNIT-GUIDE", 1);
            ((ObjectNode) byOtherRef.withArray("Items").get(0)).put("Mapping", "OtherRef");
            ObjectNode withFallback = TestChannel.order("10062", "BOOK-KNIT-GUIDE", 1);
            ((ObjectNode) withFallback.withArray("Items").get(0)).putArray("AlternateMapping").addObject().put("Mapping", "OtherRef");
            kcc.channel.nextOrders.addAll(List.of(byStockCode, byOtherRef, withFallback));
            JsonNode poll = kcc.poll();
            assertThat(poll.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("10061", "10062");
            assertThat(poll.path("rejected").path(0).path("reasons").toString()).contains("no stock item found for SKU \\\"BOOK-KNIT-GUIDE\\\"");
            assertThat(kcc.control("GET", "/orders/10061", null).path("lines").path(0).path("stockCode").asText()).isEqualTo("BK-KNIT-01");
        }
    }

    @Test
    void discontinuedItems_followTheOrderImportConfig() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.nextOrders.add(TestChannel.order("10070", "LAMP-BRASS-DESK", 1));
            assertThat(kcc.poll().path("rejected").toString()).contains("discontinued").contains("Abort");

            ObjectNode config = SimJson.object();
            config.putArray("MatchCompanyOn").add("Email");
            config.putArray("MatchAddressOn").add("Postcode");
            config.putArray("MatchContactOn").add("Surname");
            config.put("DiscontinuedItems", "ImportAndHold");
            kcc.channel.importConfig = config;
            kcc.channel.nextOrders.add(TestChannel.order("10071", "LAMP-BRASS-DESK", 1));
            assertThat(kcc.poll().path("imported").path(0).path("held").asBoolean()).isTrue();
            kcc.awaitIdle();
            assertThat(kcc.channel.pushedEntries("/order-status", "Statuses")).anyMatch(s -> s.path("AssociatedRef").asText().equals("10071")
                    && s.path("Shipments").path(0).path("Status").asText().equals("ManualHold"));

            config.put("DiscontinuedItems", "Skip");
            ObjectNode twoLines = TestChannel.order("10072", "LAMP-BRASS-DESK", 1);
            ObjectNode second = twoLines.withArray("Items").addObject().put("SKU", "CANDLE-SOY-LRG").put("Mapping", "StockCode")
                    .put("Quantity", 1);
            second.putArray("ExtendedDescription");
            second.putObject("UnitPrice").put("Gross", 18.0);
            kcc.channel.nextOrders.add(twoLines);
            kcc.poll();
            JsonNode skipped = kcc.control("GET", "/orders/10072", null);
            assertThat(skipped.path("lines")).extracting(l -> l.path("sku").asText()).containsExactly("CANDLE-SOY-LRG");
            assertThat(skipped.path("skippedSkus")).extracting(JsonNode::asText).containsExactly("LAMP-BRASS-DESK");
        }
    }

    @Test
    void runToZeroItems_cannotBeOversold_unlessTheConfigSaysHold() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.nextOrders.add(TestChannel.order("10080", "MUG-STONE-BLU", 5));
            assertThat(kcc.poll().path("rejected").toString()).contains("run-to-zero").contains("only 3 are available");
            kcc.channel.nextOrders.add(TestChannel.order("10081", "MUG-STONE-BLU", 3));
            assertThat(kcc.poll().path("imported")).hasSize(1);
            assertThat(kcc.available("MUG-STONE-BLU", 1)).isZero();
        }
    }

    @Test
    void rejectedOrders_areListed_andARetrySendsSpecificIds() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            ObjectNode broken = TestChannel.order("10090", "SCARF-MER-GRY", 1);
            broken.with("InvoiceAddress").put("Postcode", "LS1 4AP EXTRA");
            kcc.channel.nextOrders.add(broken);
            kcc.poll();
            JsonNode rejected = kcc.control("GET", "/rejected", null).path("rejected").path(0);
            assertThat(rejected.path("associatedRef").asText()).isEqualTo("10090");
            assertThat(rejected.path("reasons").toString()).contains("InvoiceAddress.Postcode is 13 characters; at most 10");

            String continuationBefore = kcc.control("GET", "", null).path("connection").path("continuation").asText();
            kcc.channel.retryable.put("10090", TestChannel.order("10090", "SCARF-MER-GRY", 1));
            JsonNode retried = kcc.control("POST", "/orders/retry", "{\"refs\":[\"10090\"]}");
            assertThat(retried.path("imported")).hasSize(1);
            assertThat(kcc.channel.calls("/orders").get(1).headers().get("SpecificIDs")).isEqualTo("10090");

            kcc.control("PUT", "/settings", "{\"specificIdsFormat\":\"quoted\"}");
            kcc.channel.retryable.put("10091", TestChannel.order("10091", "SCARF-MER-GRY", 1));
            kcc.control("POST", "/orders/retry", "{\"refs\":[\"10091\",\"10092\"]}");
            assertThat(kcc.channel.calls("/orders").get(2).headers().get("SpecificIDs")).as("as the spec's example writes it")
                    .isEqualTo("\"10091,10092\"");
            assertThat(kcc.control("GET", "/rejected", null).path("rejected")).isEmpty();
            assertThat(kcc.control("GET", "", null).path("connection").path("continuation").asText())
                    .as("a retry does not move the continuation").isEqualTo(continuationBefore);
        }
    }

    @Test
    void despatch_partThenRest_reportsShipmentsWithParcels_andTakesStockOut() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.nextOrders.add(TestChannel.order("10100", "SOCKS-WOOL-3PK", 3));
            kcc.poll();
            int availableAfterImport = kcc.available("SOCKS-WOOL-3PK", 1);
            kcc.control("POST", "/orders/10100/despatch", "{\"lines\":[{\"sku\":\"SOCKS-WOOL-3PK\",\"quantity\":1}],"
                    + "\"parcels\":[{\"consignmentRef\":\"JD000000000001GB\",\"courier\":\"RM48\"},"
                    + "{\"consignmentRef\":\"JD000000000002GB\",\"courier\":\"DPDND\"}]}");
            JsonNode stock = kcc.control("GET", "/stock/SOCKS-WOOL-3PK", null).path("sites").path(0);
            assertThat(stock.path("physical").asInt()).isEqualTo(99);
            assertThat(stock.path("allocated").asInt()).isEqualTo(2);
            assertThat(kcc.available("SOCKS-WOOL-3PK", 1)).isEqualTo(availableAfterImport);

            JsonNode complete = kcc.control("POST", "/orders/10100/despatch", "{}");
            assertThat(complete.path("status").asText()).isEqualTo("Complete");
            kcc.awaitIdle();
            List<JsonNode> statuses = kcc.channel.pushedEntries("/order-status", "Statuses");
            JsonNode partial = statuses.get(1);
            assertThat(partial.path("Status").asText()).isEqualTo("PartialShip");
            JsonNode shipped = partial.path("Shipments").path(0);
            assertThat(shipped.path("Items").path(0).path("Quantity").asDouble()).isEqualTo(1.0);
            assertThat(shipped.path("Packages")).extracting(p -> p.path("ConsignmentRef").asText() + "/" + p.path("Courier").path("Code").asText())
                    .containsExactly("JD000000000001GB/RM48", "JD000000000002GB/DPDND");
            assertThat(shipped.path("Packages").path(0).path("ShipmentDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
            assertThat(partial.path("Shipments").path(1).path("Items").path(0).path("Quantity").asDouble()).as("still to ship").isEqualTo(2.0);
            JsonNode last = statuses.get(statuses.size() - 1);
            assertThat(last.path("Status").asText()).isEqualTo("Complete");
            assertThat(last.path("Shipments")).hasSize(2).allMatch(s -> s.path("Packages").size() > 0);
        }
    }

    @Test
    void underLifecycleFull_aDespatchIsPushedAtEveryInvoiceStage_withTheSpecsFieldName_labelsFromShipping_andANewCodeFromInvoicing() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.control("PUT", "/settings", "{\"lifecycle\":\"full\"}");
            kcc.channel.nextOrders.add(TestChannel.order("10120", "SOCKS-WOOL-3PK", 2));
            kcc.poll();
            kcc.control("POST", "/orders/10120/despatch", "{\"parcels\":[{\"consignmentRef\":\"JD000000000120GB\",\"courier\":\"RM48\"}]}");
            kcc.awaitIdle();

            List<JsonNode> statuses = kcc.channel.pushedEntries("/order-status", "Statuses");
            assertThat(statuses).allMatch(st -> st.has("OrderStatus") && !st.has("Status"));
            JsonNode staging = statuses.get(0).path("Shipments").path(0);
            assertThat(staging.path("Status").asText()).isEqualTo("Staging");
            assertThat(staging.path("Packages")).as("the spec's Staging example: a package naming only the courier").hasSize(1)
                    .allMatch(p -> !p.has("ConsignmentRef") && !p.has("ShipmentDate") && p.path("Courier").has("Code"));

            List<JsonNode> despatched = statuses.subList(1, statuses.size());
            assertThat(despatched).extracting(st -> st.path("Shipments").path(0).path("Status").asText())
                    .containsExactly("Picking", "Packing", "Shipping", "Invoicing", "Issue", "Archived");
            assertThat(despatched).extracting(st -> st.path("OrderStatus").asText())
                    .containsExactly("Shipping", "Shipping", "Shipping", "Shipping", "Shipping", "Complete");
            assertThat(despatched).extracting(st -> st.path("Shipments").path(0).path("ID").asText()).as("one shipment throughout")
                    .containsOnly(despatched.get(0).path("Shipments").path(0).path("ID").asText());
            assertThat(despatched).extracting(st -> st.path("Shipments").path(0).path("Packages").path(0).path("ConsignmentRef").asText())
                    .containsExactly("", "", "JD000000000120GB", "JD000000000120GB", "JD000000000120GB", "JD000000000120GB");
            String before = despatched.get(2).path("Shipments").path(0).path("Code").asText();
            String after = despatched.get(3).path("Shipments").path(0).path("Code").asText();
            assertThat(after).as("the invoice raised at Invoicing gives the shipment a new Code").isNotEqualTo(before);
            assertThat(despatched.get(5).path("Shipments").path(0).path("Code").asText()).isEqualTo(after);
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"lifecycle\":\"long\"}")).isEqualTo(400);
        }
    }

    @Test
    void aDeliveryChargeLeftOut_isKhaosOwnCourierCharge_andCalcMethodNet_totalsEachLinesVatRoundedOn() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            ObjectNode gross = TestChannel.order("10130", "SOCKS-WOOL-3PK", 7);
            ((ObjectNode) gross.path("Items").path(0)).putObject("UnitPrice").put("Gross", 0.99);
            ((ObjectNode) gross.path("Header")).remove("DeliveryCharge");
            ObjectNode net = TestChannel.order("10131", "SOCKS-WOOL-3PK", 7);
            ((ObjectNode) net.path("Items").path(0)).putObject("UnitPrice").put("Gross", 0.99);
            ((ObjectNode) net.path("Header")).put("CalcMethod", 1).putObject("DeliveryCharge").put("Gross", 0);
            kcc.channel.nextOrders.add(gross);
            kcc.channel.nextOrders.add(net);
            kcc.poll();

            JsonNode byGross = kcc.control("GET", "/orders/10130", null).path("totals");
            assertThat(byGross.path("deliveryCalculatedByKhaos").asBoolean()).isTrue();
            assertThat(byGross.path("deliveryGross").decimalValue()).as("Royal Mail 48's charge in Khaos").isEqualByComparingTo("3.95");
            assertThat(byGross.path("total").decimalValue()).as("7 x 0.99 + 3.95").isEqualByComparingTo("10.88");
            JsonNode byNet = kcc.control("GET", "/orders/10131", null).path("totals");
            assertThat(byNet.path("calcMethod").asText()).isEqualTo("net");
            assertThat(byNet.path("deliveryCalculatedByKhaos").asBoolean()).as("0 sent: free delivery").isFalse();
            assertThat(byNet.path("total").decimalValue()).as("net 7 x 0.825 = 5.78, VAT 1.16").isEqualByComparingTo("6.94");
        }
    }

    @Test
    void cancel_releasesTheAllocation_andReportsCancelled() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            int before = kcc.available("CANDLE-SOY-LRG", 1);
            kcc.channel.nextOrders.add(TestChannel.order("10110", "CANDLE-SOY-LRG", 4));
            kcc.poll();
            assertThat(kcc.available("CANDLE-SOY-LRG", 1)).isEqualTo(before - 4);
            kcc.control("POST", "/orders/10110/cancel", null);
            assertThat(kcc.available("CANDLE-SOY-LRG", 1)).isEqualTo(before);
            kcc.awaitIdle();
            List<JsonNode> statuses = kcc.channel.pushedEntries("/order-status", "Statuses");
            assertThat(statuses.get(statuses.size() - 1).path("Status").asText()).isEqualTo("Cancelled");
            assertThat(kcc.call("POST", "/orders/10110/despatch", "{}").status()).isEqualTo(409);
        }
    }

    @Test
    void anotherChannelsSale_andAStockTake_pushNewLevels_includingBuildPotential() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.calls.clear();
            kcc.control("POST", "/stock/HAT-BEANIE-NVY/consume", "{\"quantity\":50,\"site\":1}");
            kcc.awaitIdle();
            List<JsonNode> levels = kcc.channel.pushedEntries("/stock-status", "Statuses");
            assertThat(levels).anyMatch(s -> s.path("StockCode").asText().equals("HAT-BEANIE-NVY") && s.path("SiteID").asInt() == 1
                    && s.path("Levels").path("Available").asInt() == 5);
            assertThat(levels).anyMatch(s -> s.path("StockCode").asText().equals("GIFT-SET-KNIT") && s.path("SiteID").asInt() == 1
                    && s.path("RelationshipPotential").path("FromChildren").asInt() == 5);

            kcc.control("PUT", "/stock/SCARF-MER-GRY/sites/2", "{\"physical\":9,\"onOrder\":20}");
            kcc.awaitIdle();
            assertThat(kcc.channel.pushedEntries("/stock-status", "Statuses")).anyMatch(s -> s.path("StockCode").asText().equals("SCARF-MER-GRY")
                    && s.path("SiteID").asInt() == 2 && s.path("Levels").path("Available").asInt() == 9
                    && s.path("Levels").path("OnOrder").asInt() == 20);
        }
    }

    @Test
    void catalogueChanges_andDeletions_arePushed() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.calls.clear();
            kcc.control("PUT", "/items/CANDLE-SOY-LRG", "{\"discontinued\":true}");
            kcc.control("DELETE", "/items/BLANKET-WOOL-KING", null);
            kcc.awaitIdle();
            List<TestChannel.Call> uploads = kcc.channel.calls("/stock");
            assertThat(uploads.get(0).json().path("Items").path(0).path("Options").path("Discontinued").asBoolean()).isTrue();
            assertThat(uploads.get(1).json().path("Deleted").path(0).asText()).matches("\\d+");
            assertThat(uploads.get(1).json().path("Items")).isEmpty();
        }
    }

    @Test
    void aPushNotAnswered200_isSentAgain_untilItIs() {
        try (SimulatedKhaos kcc = new SimulatedKhaos()) {
            AtomicInteger calls = new AtomicInteger();
            kcc.channel.pushStatus = () -> calls.incrementAndGet() <= 2 ? 500 : 200;
            kcc.connected();
            JsonNode attempts = kcc.control("GET", "/pushes", null).path("pushes");
            assertThat(attempts.path(0).path("status").asInt()).isEqualTo(500);
            assertThat(attempts.path(1).path("status").asInt()).isEqualTo(500);
            assertThat(attempts).anyMatch(a -> a.path("pushId").asLong() == attempts.path(0).path("pushId").asLong()
                    && a.path("outcome").asText().equals("success"));
            assertThat(kcc.channel.calls("/stock").size() + kcc.channel.calls("/stock-status").size())
                    .isEqualTo(attempts.size());
        }
    }

    @Test
    void pushFaults_duplicateAndReorder_fromTheSeed() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.calls.clear();
            kcc.control("PUT", "/faults", "{\"pushDuplicateRate\":1}");
            kcc.control("POST", "/stock/SCARF-MER-GRY/consume", "{\"quantity\":1}");
            kcc.awaitIdle();
            assertThat(kcc.channel.calls("/stock-status")).hasSize(2);
            assertThat(kcc.channel.calls("/stock-status").get(0).body()).isEqualTo(kcc.channel.calls("/stock-status").get(1).body());

            kcc.channel.calls.clear();
            kcc.control("PUT", "/faults", "{\"pushDuplicateRate\":0,\"pushOutOfOrderRate\":1,\"pushOutOfOrderDelayMs\":300}");
            kcc.control("POST", "/stock/SCARF-MER-GRY/consume", "{\"quantity\":1}");
            kcc.control("PUT", "/faults", "{\"pushOutOfOrderRate\":0}");
            kcc.control("POST", "/stock/SCARF-MER-GRY/consume", "{\"quantity\":1}");
            kcc.awaitIdle();
            List<Integer> arrived = kcc.channel.pushedEntries("/stock-status", "Statuses").stream()
                    .filter(s -> s.path("SiteID").asInt() == 1 && s.path("StockCode").asText().equals("SCARF-MER-GRY"))
                    .map(s -> s.path("Levels").path("Available").asInt()).toList();
            assertThat(arrived).as("the older level arrives last").containsExactly(35, 36);
        }
    }

    @Test
    void pushTimeouts_makeKccSendAgain_andLatencySlowsEveryPush() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.channel.calls.clear();
            kcc.control("PUT", "/settings", "{\"retryDelayScale\":0.5}");
            kcc.control("PUT", "/faults", "{\"pushTimeoutRate\":1}");
            kcc.control("POST", "/stock/SCARF-MER-GRY/consume", "{\"quantity\":1}");
            SimulatedKhaos.await(() -> kcc.channel.calls("/stock-status").size() == 1, "the first, abandoned, attempt");
            kcc.control("PUT", "/faults", "{\"pushTimeoutRate\":0,\"pushLatencyMs\":250}");
            kcc.awaitIdle();
            List<TestChannel.Call> received = kcc.channel.calls("/stock-status");
            assertThat(received).as("stored once by the channel, sent again by KCC").hasSize(2);
            assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
            JsonNode attempts = kcc.control("GET", "/pushes?kind=StockStatusUpload", null).path("pushes");
            assertThat(attempts.get(attempts.size() - 2).path("outcome").asText()).isEqualTo("abandoned");
            assertThat(attempts.get(attempts.size() - 1).path("outcome").asText()).isEqualTo("success");

            long started = System.nanoTime();
            kcc.control("POST", "/stock/SCARF-MER-GRY/consume", "{\"quantity\":1}");
            kcc.awaitIdle();
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void importErrors_fromTheSeed_leaveTheOrderRejected_untilRetried() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.control("PUT", "/faults", "{\"importErrorRate\":1}");
            kcc.channel.nextOrders.add(TestChannel.order("10120", "SCARF-MER-GRY", 1));
            assertThat(kcc.poll().path("rejected").toString()).contains("simulated internal error");
            kcc.control("PUT", "/faults", "{\"importErrorRate\":0}");
            kcc.channel.retryable.put("10120", TestChannel.order("10120", "SCARF-MER-GRY", 1));
            assertThat(kcc.control("POST", "/orders/retry", "{\"refs\":[\"10120\"]}").path("imported")).hasSize(1);
        }
    }

    @Test
    void autoDespatch_shipsImportedOrders_afterTheDelay() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.simulator.start();
            kcc.control("PUT", "/settings", "{\"autoDespatchSeconds\":1}");
            kcc.channel.nextOrders.add(TestChannel.order("10130", "HAT-BEANIE-NVY", 1));
            kcc.poll();
            SimulatedKhaos.await(() -> kcc.control("GET", "/orders/10130", null).path("status").asText().equals("Complete"),
                    "auto-despatch");
        }
    }
}
