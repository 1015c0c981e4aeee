package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KCC's CReturnDownload against a spec-written channel, over HTTP both ways. */
class KccReturnsTest {

    /** An order for 2 hats imported and despatched; answers the customer account Khaos booked it to. */
    private static String despatchedOrder(SimulatedKhaos kcc, String ref) {
        kcc.channel.nextOrders.add(TestChannel.order(ref, "HAT-BEANIE-NVY", 2));
        assertThat(kcc.poll().path("imported")).hasSize(1);
        kcc.control("POST", "/orders/" + ref + "/despatch", "{}");
        return kcc.control("GET", "/orders/" + ref, null).path("urn").asText();
    }

    private static int physical(SimulatedKhaos kcc, String code) {
        for (JsonNode s : kcc.control("GET", "/stock/" + code, null).path("sites")) {
            if (s.path("site").asInt() == 1) {
                return s.path("physical").asInt();
            }
        }
        throw new AssertionError("no site 1");
    }

    private static List<String> reasons(JsonNode poll) {
        List<String> reasons = new ArrayList<>();
        poll.path("rejected").forEach(r -> r.path("reasons").forEach(x -> reasons.add(x.asText())));
        poll.path("problems").forEach(x -> reasons.add(x.asText()));
        return reasons;
    }

    @Test
    void aReturnOfADespatchedOrder_isImportedAgainstIt_processed_andItsUnitsGoBackIntoStockAndArePushed() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            String urn = despatchedOrder(kcc, "10301");
            assertThat(urn).as("Khaos booked the order to an account").isNotBlank();
            assertThat(kcc.control("GET", "/customers", null).path("customers").toString()).contains(urn);
            int before = physical(kcc, "HAT-BEANIE-NVY");
            kcc.channel.calls.clear();

            kcc.channel.nextReturns.add(TestChannel.customerReturn("10301-R1", urn, "HAT-BEANIE-NVY", 2, "10301"));
            JsonNode poll = kcc.control("POST", "/returns/poll", null);

            assertThat(poll.path("status").asText()).isEqualTo("ok");
            assertThat(poll.path("sentContinuation").asText()).as("the first contact's date, as for orders").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
            assertThat(poll.path("imported")).singleElement().satisfies(i -> assertThat(i.path("processed").asBoolean()).isTrue());
            JsonNode imported = kcc.control("GET", "/returns/10301-R1", null);
            assertThat(imported.path("status").asText()).isEqualTo("Processed");
            assertThat(imported.path("urn").asText()).isEqualTo(urn);
            assertThat(imported.path("items")).singleElement().satisfies(i -> {
                assertThat(i.path("sku").asText()).isEqualTo("HAT-BEANIE-NVY");
                assertThat(i.path("quantity").asDouble()).isEqualTo(2.0);
                assertThat(i.path("sourceOrder").asText()).isEqualTo("10301");
                assertThat(i.path("reason").asText()).isEqualTo("No longer wanted");
            });
            assertThat(physical(kcc, "HAT-BEANIE-NVY")).as("the units are back in stock").isEqualTo(before + 2);
            kcc.awaitIdle();
            assertThat(kcc.channel.pushedEntries("/stock-status", "Statuses")).as("and Khaos pushes the new level")
                    .anyMatch(s -> s.path("StockCode").asText().equals("HAT-BEANIE-NVY") && s.path("SiteID").asInt() == 1);

            kcc.control("POST", "/returns/poll", null);
            assertThat(kcc.channel.calls("/returns").get(kcc.channel.calls("/returns").size() - 1).headers().get("Sirion-Continuation"))
                    .as("the cursor we gave comes back").isEqualTo("returns-1");
        }
    }

    @Test
    void aReturnKhaosCannotBook_isRejectedWithEveryReason_andNothingMovesInStock() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            String urn = despatchedOrder(kcc, "10311");
            int before = physical(kcc, "HAT-BEANIE-NVY");
            ObjectNode tooMany = TestChannel.customerReturn("10311-R1", urn, "HAT-BEANIE-NVY", 3, "10311");
            ObjectNode strangerAndReason = TestChannel.customerReturn("10311-R2", "NOBODY9", "HAT-BEANIE-NVY", 1, "10311");
            ((ObjectNode) strangerAndReason.path("ReturnedItems").get(0).path("ReturnReason")).put("ID", "99");
            ObjectNode twoRefs = TestChannel.customerReturn("10311-R3", urn, "HAT-BEANIE-NVY", 1, "10311");
            ((ObjectNode) twoRefs.path("ReturnedItems").get(0).path("SourceReference").path("SourceOrder")).put("SOrderCode", "SO05001");
            ObjectNode withNull = TestChannel.customerReturn("10311-R4", urn, "HAT-BEANIE-NVY", 1, "10311");
            withNull.putNull("Notes");
            ObjectNode unknownOrder = TestChannel.customerReturn("10311-R5", urn, "HAT-BEANIE-NVY", 1, "99999");
            kcc.channel.nextReturns.addAll(List.of(tooMany, strangerAndReason, twoRefs, withNull, unknownOrder));

            JsonNode poll = kcc.control("POST", "/returns/poll", null);

            assertThat(poll.path("imported")).isEmpty();
            assertThat(String.join("\n", reasons(poll))).contains("3 × HAT-BEANIE-NVY back from SO", "which despatched 2")
                    .contains("URN \"NOBODY9\" is not a customer account").contains("not a reason the Khaos administrator configured")
                    .contains("exactly one of").contains("Notes is null").contains("\"99999\" names no sales order");
            assertThat(kcc.control("GET", "/returns/rejected", null).path("rejected")).hasSize(5);
            assertThat(physical(kcc, "HAT-BEANIE-NVY")).isEqualTo(before);
        }
    }

    @Test
    void aRepeatedReturnRef_isRefusedByDefault_andReturnsAcrossSeveralDownloadsNeverExceedWhatWasDespatched() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            String urn = despatchedOrder(kcc, "10321");
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10321-R1", urn, "HAT-BEANIE-NVY", 1, "10321"));
            assertThat(kcc.control("POST", "/returns/poll", null).path("imported")).hasSize(1);

            kcc.channel.nextReturns.add(TestChannel.customerReturn("10321-R1", urn, "HAT-BEANIE-NVY", 1, "10321"));
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10321-R2", urn, "HAT-BEANIE-NVY", 2, "10321"));
            JsonNode poll = kcc.control("POST", "/returns/poll", null);

            assertThat(poll.path("imported")).isEmpty();
            assertThat(String.join("\n", reasons(poll))).contains("\"10321-R1\" was already imported")
                    .contains("which despatched 2 and has 1 back already");
        }
    }

    @Test
    void underTheHostileProfile_aReturnServedAgainIsImportedTwice_whileItsUnitsStayWithinWhatWasDespatched() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.control("PUT", "/settings", "{\"profile\":\"hostile\",\"downloadTimeoutRate\":0}");
            String urn = despatchedOrder(kcc, "10331");
            int before = physical(kcc, "HAT-BEANIE-NVY");
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10331-R1", urn, "HAT-BEANIE-NVY", 1, "10331"));
            assertThat(kcc.control("POST", "/returns/poll", null).path("imported")).hasSize(1);

            // the same return served again (a page Khaos never acknowledged): Khaos does not refuse the repeated reference
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10331-R1", urn, "HAT-BEANIE-NVY", 1, "10331"));
            assertThat(kcc.control("POST", "/returns/poll", null).path("imported")).as("imported twice").hasSize(1);
            assertThat(physical(kcc, "HAT-BEANIE-NVY")).isEqualTo(before + 2);

            // a third would bring back more than left the warehouse: refused, repeated reference or not
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10331-R1", urn, "HAT-BEANIE-NVY", 1, "10331"));
            JsonNode third = kcc.control("POST", "/returns/poll", null);
            assertThat(third.path("imported")).isEmpty();
            assertThat(String.join("\n", reasons(third))).contains("which despatched 2 and has 2 back already");
        }
    }

    @Test
    void theSourceReferenceShape_followsReturnSourceReference_andTheOldExampleNameIsRefused() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            String urn = despatchedOrder(kcc, "10331");
            String orderId = kcc.control("GET", "/orders/10331", null).path("orderId").asText();
            ObjectNode bare = TestChannel.customerReturn("10331-R1", urn, "HAT-BEANIE-NVY", 1, null);
            ((ObjectNode) bare.path("ReturnedItems").get(0)).putObject("SourceReference").put("SOrderID", orderId);

            kcc.control("PUT", "/settings", "{\"returnSourceReference\":\"wrapped\"}");
            kcc.channel.nextReturns.add(bare);
            assertThat(String.join("\n", reasons(kcc.control("POST", "/returns/poll", null)))).contains("one field inside SourceOrder");

            kcc.control("PUT", "/settings", "{\"returnSourceReference\":\"bare\"}");
            kcc.channel.nextReturns.add(bare);
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10331-R2", urn, "HAT-BEANIE-NVY", 1, "10331"));
            JsonNode poll = kcc.control("POST", "/returns/poll", null);
            assertThat(poll.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("10331-R1");
            assertThat(String.join("\n", reasons(poll))).contains("(one field, no SourceOrder)");

            kcc.control("PUT", "/settings", "{\"returnSourceReference\":\"either\"}");
            ObjectNode old = TestChannel.customerReturn("10331-R3", urn, "HAT-BEANIE-NVY", 1, null);
            ((ObjectNode) old.path("ReturnedItems").get(0)).putObject("SourceReturnReference").putObject("SourceOrder")
                    .put("AssociatedRef", "10331");
            kcc.channel.nextReturns.add(old);
            assertThat(String.join("\n", reasons(kcc.control("POST", "/returns/poll", null)))).contains("SourceReturnReference");
            assertThat(kcc.controlStatus("PUT", "/settings", "{\"returnSourceReference\":\"sideways\"}")).isEqualTo(400);
        }
    }

    @Test
    void anUnprocessedReturn_waitsForTheWarehouse_andAFailedOneComesAgainBySpecificIds() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            String urn = despatchedOrder(kcc, "10341");
            int before = physical(kcc, "HAT-BEANIE-NVY");
            ObjectNode waiting = TestChannel.customerReturn("10341-R1", urn, "HAT-BEANIE-NVY", 1, "10341");
            waiting.remove("ProcessReturn");
            kcc.channel.nextReturns.add(waiting);
            kcc.control("POST", "/returns/poll", null);
            assertThat(kcc.control("GET", "/returns/10341-R1", null).path("status").asText()).isEqualTo("Awaiting processing");
            assertThat(physical(kcc, "HAT-BEANIE-NVY")).isEqualTo(before);
            assertThat(kcc.control("POST", "/returns/10341-R1/process", null).path("status").asText()).isEqualTo("Processed");
            assertThat(physical(kcc, "HAT-BEANIE-NVY")).isEqualTo(before + 1);

            kcc.control("PUT", "/faults", "{\"importErrorRate\":1}");
            kcc.channel.nextReturns.add(TestChannel.customerReturn("10341-R2", urn, "HAT-BEANIE-NVY", 1, "10341"));
            assertThat(kcc.control("POST", "/returns/poll", null).path("imported")).isEmpty();
            kcc.control("PUT", "/faults", "{\"importErrorRate\":0}");
            kcc.channel.retryableReturns.put("10341-R2", TestChannel.customerReturn("10341-R2", urn, "HAT-BEANIE-NVY", 1, "10341"));
            JsonNode retry = kcc.control("POST", "/returns/retry", "{\"refs\":[\"10341-R2\"]}");
            assertThat(retry.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("10341-R2");
            assertThat(kcc.channel.calls("/returns").get(kcc.channel.calls("/returns").size() - 1).headers().get("SpecificIDs"))
                    .isEqualTo("10341-R2");
        }
    }

    @Test
    void aDownloadWithoutAReturnsList_orWithAnotherApiVersion_isRefusedWhole() {
        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            kcc.awaitIdle();
            kcc.channel.rawReturnDownload = "{\"Returns\":{\"AssociatedRef\":\"X\"},\"ApiVersion\":10000}";
            JsonNode poll = kcc.control("POST", "/returns/poll", null);
            assertThat(poll.path("status").asText()).isEqualTo("download refused");
            assertThat(String.join("\n", reasons(poll))).contains("Returns is required (a list").contains("ApiVersion must be 1000");
        }
    }
}
