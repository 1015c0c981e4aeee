package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
 * Despatch from the simulated Khaos back to the simulated shop, end to end: orders placed in the shop, imported by
 * Khaos, despatched there (whole, in parts, in several parcels, or cancelled); the customer's shipping mail (the shop
 * sends it on the delivery's state change) must carry the tracking codes, come once per state change, and anything
 * doubtful must reach a person with nothing half-written.
 */
class DespatchFlowIT {
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("khaos:sandbox-channel-password".getBytes());
    private static final String OPS_KEY = "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY;
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SHOPWARE_SHOP_ID", "despatchShop0001", "SANDBOX_STOCK_RECONCILE_SECONDS", "0"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void faultsOff() throws Exception {
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":0,\"apiAnswerLostRate\":0}");
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushDuplicateRate\":0,\"pushOutOfOrderRate\":0}");
    }

    /** An order placed and paid in the shop, once Khaos has imported it: the shop's view of it. */
    static JsonNode imported(RunningSandbox sandbox, String shipping, String... skuAndQuantity) throws Exception {
        ArrayNode lines = RunningSandbox.JSON.createArrayNode();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.addObject().put("sku", skuAndQuantity[i]).put("quantity", Integer.parseInt(skuAndQuantity[i + 1]));
        }
        ObjectNode request = RunningSandbox.JSON.createObjectNode().put("customer", "jane").put("shippingMethod", shipping)
                .put("paid", true);
        request.set("lines", lines);
        JsonNode placed = sandbox.json("POST", "/shopware-sim/_control/orders", request.toString());
        awaitLedger(sandbox, placed.path("id").asText(), e -> e.path("state").asText().equals("IMPORTED"), "IMPORTED");
        return shopOrder(sandbox, placed.path("orderNumber").asText());
    }

    static JsonNode shopOrder(RunningSandbox sandbox, String number) throws Exception {
        return sandbox.json("GET", "/shopware-sim/_control/orders/" + number, null);
    }

    static JsonNode delivery(JsonNode shopOrder) {
        return shopOrder.path("deliveries").path(0);
    }

    static List<String> codes(JsonNode delivery) {
        List<String> codes = new ArrayList<>();
        delivery.path("trackingCodes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    static JsonNode awaitLedger(RunningSandbox sandbox, String orderId, Predicate<JsonNode> condition, String what) throws Exception {
        return Await.until("order " + orderId + " to become " + what, Duration.ofSeconds(40), () -> {
            HttpResponse<String> response = sandbox.get("/sandbox/orders/" + orderId);
            return response.statusCode() == 200 ? RunningSandbox.JSON.readTree(response.body()) : null;
        }, entry -> entry != null && condition.test(entry));
    }

    static JsonNode awaitShop(RunningSandbox sandbox, String number, Predicate<JsonNode> condition, String what) throws Exception {
        return Await.until("shop order " + number + " to become " + what, Duration.ofSeconds(40), () -> shopOrder(sandbox, number),
                condition);
    }

    static String deliveryState(JsonNode shopOrder) {
        return delivery(shopOrder).path("stateMachineState").path("technicalName").asText();
    }

    static String orderState(JsonNode shopOrder) {
        return shopOrder.path("stateMachineState").path("technicalName").asText();
    }

    static JsonNode despatch(RunningSandbox sandbox, String number, String body) throws Exception {
        return sandbox.json("POST", "/khaos-sim/_control/orders/" + number + "/despatch", body);
    }

    /** The consignment refs of every package of the order's shipments, as the simulated Khaos has them. */
    static List<String> consignments(JsonNode khaosOrder) {
        List<String> refs = new ArrayList<>();
        khaosOrder.path("lastStatus").path("Shipments").forEach(s -> s.path("Packages").forEach(p -> {
            if (!p.path("ConsignmentRef").asText("").isEmpty()) {
                refs.add(p.path("ConsignmentRef").asText());
            }
        }));
        return refs;
    }

    static List<JsonNode> mails(RunningSandbox sandbox, String number) throws Exception {
        List<JsonNode> mails = new ArrayList<>();
        sandbox.json("GET", "/shopware-sim/_control/mails?order=" + number, null).path("mails").forEach(mails::add);
        return mails;
    }

    private static JsonNode openException(String id) throws Exception {
        return Await.until("open exception " + id, Duration.ofSeconds(40), () -> {
            for (JsonNode e : sandbox.json("GET", "/sandbox/exceptions?limit=1000", null)) {
                if (e.path("id").asText().equals(id)) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
    }

    /** Waits until the despatch work queued so far is done (Khaos idle, the despatches queue empty); fails if it never is. */
    private static void awaitDespatchesDone() throws Exception {
        Await.khaosPushesHandled(sandbox, "despatch", Duration.ofSeconds(60));
    }

    @Test
    void aWholeOrderDespatched_getsItsTrackingCodeThenShipped_withOneMailCarryingTheCode() throws Exception {
        JsonNode order = imported(sandbox, "standard", "SCARF-MER-GRY", "1");
        String number = order.path("orderNumber").asText();

        JsonNode khaos = despatch(sandbox, number, "{}");
        List<String> refs = consignments(khaos);
        assertThat(refs).hasSize(1);

        // the delivery moves first, the order follows with the next call: wait for both
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped") && orderState(o).equals("completed"),
                "shipped, the order completed");
        assertThat(codes(delivery(shipped))).containsExactlyElementsOf(refs);
        List<JsonNode> mails = mails(sandbox, number);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).path("template").asText()).isEqualTo("order_delivery.state.shipped");
        assertThat(mails.get(0).path("trackingCodes")).as("the code was there before the mail went").extracting(JsonNode::asText)
                .containsExactlyElementsOf(refs);

        JsonNode entry = awaitLedger(sandbox, order.path("id").asText(), e -> e.path("state").asText().equals("WRITTEN_BACK"),
                "WRITTEN_BACK");
        assertThat(entry.path("timeline")).extracting(t -> t.path("state").asText()).contains("IMPORTED", "DESPATCHED", "WRITTEN_BACK");
        assertThat(entry.path("timeline").toString()).contains(refs.get(0)).contains("ship");
    }

    @Test
    void aSplitShipment_shipsPartiallyThenFully_oneMailPerStateChange_withTheCodesSoFar() throws Exception {
        JsonNode order = imported(sandbox, "standard", "SCARF-MER-GRY", "1", "HAT-BEANIE-NVY", "2");
        String number = order.path("orderNumber").asText();

        List<String> first = consignments(despatch(sandbox, number, "{\"lines\":[{\"sku\":\"HAT-BEANIE-NVY\",\"quantity\":1}],"
                + "\"parcels\":[{\"consignmentRef\":\"SPLIT-" + number + "-A\"}]}"));
        JsonNode partial = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped_partially")
                && orderState(o).equals("in_progress"), "shipped_partially, the order in progress");
        assertThat(codes(delivery(partial))).containsExactly("SPLIT-" + number + "-A");

        List<String> all = consignments(despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"SPLIT-" + number + "-B\"}]}"));
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped") && orderState(o).equals("completed"),
                "shipped, the order completed");
        assertThat(first).containsExactly("SPLIT-" + number + "-A");
        assertThat(codes(delivery(shipped))).containsExactlyInAnyOrderElementsOf(all).hasSize(2);

        List<JsonNode> mails = mails(sandbox, number);
        assertThat(mails).extracting(m -> m.path("template").asText())
                .containsExactly("order_delivery.state.shipped_partially", "order_delivery.state.shipped");
        assertThat(mails.get(0).path("trackingCodes")).extracting(JsonNode::asText).containsExactly("SPLIT-" + number + "-A");
        assertThat(mails.get(1).path("trackingCodes")).hasSize(2);
    }

    @Test
    void severalParcels_allTheirCodesReachTheDelivery_inOneMail() throws Exception {
        JsonNode order = imported(sandbox, "express", "SOCKS-WOOL-3PK", "2");
        String number = order.path("orderNumber").asText();

        despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"MP-" + number + "-1\"},{\"consignmentRef\":\"MP-" + number
                + "-2\"},{}]}");
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped");
        List<String> codes = codes(delivery(shipped));
        assertThat(codes).hasSize(3).contains("MP-" + number + "-1", "MP-" + number + "-2").doesNotHaveDuplicates();
        assertThat(mails(sandbox, number)).hasSize(1);
    }

    @Test
    void duplicateAndOverTakenPushes_neverCountTwice_norMailTwice() throws Exception {
        JsonNode order = imported(sandbox, "standard", "TSHIRT-ORG-BLK-M", "1", "SOCKS-BAMBOO-2PK", "1");
        String number = order.path("orderNumber").asText();
        sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"seed\":7,\"pushDuplicateRate\":1,\"pushOutOfOrderRate\":0.5,"
                + "\"pushOutOfOrderDelayMs\":800}");

        despatch(sandbox, number, "{\"lines\":[{\"sku\":\"TSHIRT-ORG-BLK-M\",\"quantity\":1}]}");
        List<String> all = consignments(despatch(sandbox, number, "{}"));
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped");
        awaitDespatchesDone();
        shipped = shopOrder(sandbox, number);

        assertThat(codes(delivery(shipped))).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
        List<String> templates = mails(sandbox, number).stream().map(m -> m.path("template").asText()).toList();
        assertThat(templates).as("one mail per state change, whichever push came first").doesNotHaveDuplicates()
                .endsWith("order_delivery.state.shipped");
        JsonNode transitions = sandbox.json("GET", "/shopware-sim/_control/deliveries/" + delivery(shipped).path("id").asText(), null)
                .path("transitions");
        assertThat(transitions).extracting(t -> t.path("to").asText()).doesNotHaveDuplicates();
    }

    @Test
    void aCancellationInKhaos_isPutInFrontOfAPerson_andTheShopOrderIsLeftAlone() throws Exception {
        JsonNode order = imported(sandbox, "standard", "CANDLE-SOY-LRG", "1");
        String number = order.path("orderNumber").asText();

        sandbox.json("POST", "/khaos-sim/_control/orders/" + number + "/cancel", "{}");
        JsonNode problem = openException("CANCELLED_IN_KHAOS#" + number);
        assertThat(problem.path("reason").asText()).contains("before anything shipped");
        JsonNode shop = shopOrder(sandbox, number);
        assertThat(shop.path("stateMachineState").path("technicalName").asText()).isEqualTo("open");
        assertThat(deliveryState(shop)).isEqualTo("open");
        assertThat(mails(sandbox, number)).isEmpty();
    }

    @Test
    void aParcelWithoutAConsignmentRef_stillShips_andCustomerServiceIsTold() throws Exception {
        JsonNode order = imported(sandbox, "standard", "BOOK-KNIT-GUIDE", "1");
        String number = order.path("orderNumber").asText();

        despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"\"}]}");
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped");
        assertThat(codes(delivery(shipped))).isEmpty();
        assertThat(openException("DESPATCH_WITHOUT_TRACKING#" + number).path("reason").asText()).contains("no consignment reference");
        assertThat(mails(sandbox, number)).hasSize(1);
    }

    @Test
    void aDeliveryCancelledInTheShop_isNotShipped_andAPersonIsTold() throws Exception {
        JsonNode order = imported(sandbox, "standard", "KIDS-COAT-5Y", "1");
        String number = order.path("orderNumber").asText();
        sandbox.json("POST", "/shopware-sim/_control/order_delivery/" + delivery(order).path("id").asText() + "/state/cancel", "{}");

        despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"CX-" + number + "\"}]}");
        JsonNode problem = openException("DELIVERY_NOT_WRITABLE#" + number);
        assertThat(problem.path("reason").asText()).contains("cancelled in the shop");
        JsonNode shop = shopOrder(sandbox, number);
        assertThat(deliveryState(shop)).isEqualTo("cancelled");
        assertThat(codes(delivery(shop))).as("nothing half-written").isEmpty();
        assertThat(mails(sandbox, number)).extracting(m -> m.path("template").asText())
                .containsExactly("order_delivery.state.cancelled");
    }

    /** An OrderStatusUpload as KCC would send it, for one order, with one shipment that has left the warehouse. */
    /**
     * A status upload typed by hand, under the order code Khaos gave the order (a status under another code would be
     * a second Khaos order for it: DUPLICATE_IN_KHAOS), or "SO-HAND" for an order Khaos does not have.
     */
    private static String statusUpload(String ref, String customData, String sku, double quantity, String importRef)
            throws Exception {
        String code = "SO-HAND";
        if (customData != null) {
            code = sandbox.json("GET", "/sandbox/orders/" + customData, null).path("khaos").path("khaosOrderCode").asText("SO-HAND");
        }
        ObjectNode s = RunningSandbox.JSON.createObjectNode();
        ObjectNode status = s.putArray("Statuses").addObject().put("OrderCode", code).put("OrderID", "99" + ref.hashCode())
                .put("Status", "Complete").put("AssociatedRef", ref).put("ChannelID", "1");
        if (customData != null) {
            status.put("CustomData", customData);
        }
        ObjectNode shipment = status.putArray("Shipments").addObject().put("ID", "HAND-" + ref).put("Code", "INV-HAND")
                .put("Status", "Archived");
        ObjectNode item = shipment.putArray("Items").addObject().put("OrderItemID", "OI-HAND").put("ShipmentItemID", "SI-HAND-" + ref)
                .put("SKU", sku).put("Quantity", quantity);
        if (importRef != null) {
            item.put("ImportRef", importRef);
        }
        shipment.putArray("Packages").addObject().put("ConsignmentRef", "HAND-" + ref).putObject("Courier").put("Code", "RM48");
        return s.toString();
    }

    @Test
    void aStatusForAnOrderWeNeverSent_isAnsweredAndPutInFrontOfAPerson() throws Exception {
        String ref = "NEVER-" + System.nanoTime() % 100000;
        HttpResponse<String> answer = sandbox.send("POST", "/khaos/order-status", statusUpload(ref, null, "SCARF-MER-GRY", 1, null),
                "Authorization", BASIC);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(openException("KHAOS_STATUS_FOR_UNKNOWN_ORDER#" + ref).path("reason").asText()).contains(ref);
    }

    @Test
    void aShipmentLineNotOnTheOrder_orMoreThanOrdered_writesNothing_andSaysWhy() throws Exception {
        JsonNode stranger = imported(sandbox, "standard", "SCARF-MER-GRY", "1");
        String strangerNumber = stranger.path("orderNumber").asText();
        assertThat(sandbox.send("POST", "/khaos/order-status", statusUpload(strangerNumber, stranger.path("id").asText(),
                "NOT-ON-THIS-ORDER", 1, null), "Authorization", BASIC).statusCode()).isEqualTo(200);

        JsonNode over = imported(sandbox, "standard", "HAT-BEANIE-NVY", "1");
        String overNumber = over.path("orderNumber").asText();
        String lineId = over.path("lineItems").path(0).path("id").asText();
        assertThat(sandbox.send("POST", "/khaos/order-status", statusUpload(overNumber, over.path("id").asText(), "HAT-BEANIE-NVY", 3,
                lineId), "Authorization", BASIC).statusCode()).isEqualTo(200);

        assertThat(openException("DESPATCH_LINE_NOT_ON_ORDER#" + strangerNumber).path("reason").asText()).contains("NOT-ON-THIS-ORDER");
        assertThat(openException("DESPATCH_MORE_THAN_ORDERED#" + overNumber).path("reason").asText())
                .contains("3 of HAT-BEANIE-NVY shipped, 1 ordered");
        for (String number : List.of(strangerNumber, overNumber)) {
            JsonNode shop = shopOrder(sandbox, number);
            assertThat(deliveryState(shop)).isEqualTo("open");
            assertThat(codes(delivery(shop))).isEmpty();
            assertThat(mails(sandbox, number)).isEmpty();
        }
    }

    @Test
    void aShopThatKeepsFailing_endsInWritebackFailedNamingTheStep_andARetryAfterTheFixWritesIt() throws Exception {
        JsonNode order = imported(sandbox, "standard", "SOCKS-WOOL-3PK", "1");
        String number = order.path("orderNumber").asText();
        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":1}");

        despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"WF-" + number + "\"}]}");
        JsonNode problem = openException("WRITEBACK_FAILED#" + number);
        assertThat(problem.path("reason").asText()).contains("reading the order from the shop").contains("5 times");
        assertThat(deliveryState(shopOrder(sandbox, number))).isEqualTo("open");

        sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":0}");
        HttpResponse<String> retry = sandbox.send("POST", "/ops/orders/" + number + "/retry", null, "Authorization", OPS_KEY,
                "X-Ops-User", "despatch test");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped after the retry");
        assertThat(codes(delivery(shipped))).containsExactly("WF-" + number);
        boolean resolved = Await.until("WRITEBACK_FAILED#" + number + " to close", Duration.ofSeconds(10), () -> {
            for (JsonNode e : sandbox.json("GET", "/sandbox/exceptions?limit=1000", null)) {
                if (e.path("id").asText().equals("WRITEBACK_FAILED#" + number)) {
                    return false;
                }
            }
            return true;
        }, closed -> closed);
        assertThat(resolved).as("the failure closes itself once written").isTrue();
    }

    @Test
    void aCourierMappedToAnotherShippingMethod_movesTheDelivery_soTheTrackingLinkFitsTheCarrier() throws Exception {
        sandbox.json("PUT", "/sandbox/mappings/SHIPPING_METHOD/DPDND", "{\"value\":\"dpd_next_day\"}");
        JsonNode order = imported(sandbox, "standard", "KIDS-WELLIES-9", "1");
        String number = order.path("orderNumber").asText();

        despatch(sandbox, number, "{\"parcels\":[{\"consignmentRef\":\"DPD-" + number + "\",\"courier\":\"DPDND\"}]}");
        JsonNode shipped = awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped");
        assertThat(delivery(shipped).path("shippingMethod").path("technicalName").asText()).isEqualTo("dpd_next_day");
        assertThat(codes(delivery(shipped))).containsExactly("DPD-" + number);
    }

    @Test
    void despatchToShipped_latency_isMeasured() throws Exception {
        List<Long> millis = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            numbers.add(imported(sandbox, "standard", "SCARF-MER-GRY", "1").path("orderNumber").asText());
        }
        for (String number : numbers) {
            Instant despatched = Instant.now();
            despatch(sandbox, number, "{}");
            awaitShop(sandbox, number, o -> deliveryState(o).equals("shipped"), "shipped");
            JsonNode mail = mails(sandbox, number).get(0);
            millis.add(Duration.between(despatched, Instant.parse(mail.path("at").asText())).toMillis());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("despatch latency (Khaos despatch → shop delivery shipped, %d orders): p50 %d ms, p95 %d ms, max %d ms%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1));
        assertThat(sorted).allMatch(m -> m >= 0);
    }
}
