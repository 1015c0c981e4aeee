package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each of KCC's import rules, one broken order each, downloaded in one poll: every one is rejected for its own reason. */
class SalesOrderValidationTest {

    private static ObjectNode item(ObjectNode order) {
        return (ObjectNode) order.withArray("Items").get(0);
    }

    private static ObjectNode card(ObjectNode order) {
        return (ObjectNode) order.withArray("Payments").get(0).get("Card");
    }

    @Test
    void everyRule_rejectsItsOwnBrokenOrder_andAValidOrderPasses() {
        Map<String, Consumer<ObjectNode>> breakages = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        rule(breakages, expected, "no-discount-codes", o -> o.with("Header").remove("DiscountCodes"), "Header.DiscountCodes is required");
        rule(breakages, expected, "no-extended-description", o -> item(o).remove("ExtendedDescription"), "ExtendedDescription is required");
        rule(breakages, expected, "no-invoice-address", o -> o.remove("InvoiceAddress"), "InvoiceAddress is required");
        rule(breakages, expected, "no-invoice-contact", o -> o.remove("InvoiceContact"), "InvoiceContact is required");
        rule(breakages, expected, "no-create-new", o -> o.with("Customer").remove("CreateNew"), "Customer.CreateNew must be one of");
        rule(breakages, expected, "no-company-class", o -> o.with("Customer").remove("CompanyClass"), "Customer.CompanyClass is required");
        rule(breakages, expected, "no-currency", o -> o.with("Customer").remove("Currency"), "Customer.Currency is required");
        rule(breakages, expected, "long-card-type", o -> card(o).put("CardType", "Visa Debit via Payment Provider X"),
                "CardType is longer than 25 characters");
        rule(breakages, expected, "no-preauth-flag", o -> card(o).remove("IsPreauth"), "Card.IsPreauth is required");
        rule(breakages, expected, "a-null", o -> o.with("InvoiceAddress").putNull("Line2"), "InvoiceAddress.Line2 is null");
        rule(breakages, expected, "long-line1", o -> o.with("InvoiceAddress").put("Line1", "The Old Rectory, Long Lane Off Church St"),
                "InvoiceAddress.Line1 is 40 characters; at most 35");
        rule(breakages, expected, "long-town", o -> o.with("InvoiceAddress").put("Town", "Llanfairpwllgwyngyllgogerychwyrndrobwll"),
                "InvoiceAddress.Town is 39 characters; at most 35");
        rule(breakages, expected, "long-postcode", o -> o.with("InvoiceAddress").put("Postcode", "LS1 4AP UK 1"),
                "InvoiceAddress.Postcode is 12 characters; at most 10");
        rule(breakages, expected, "no-town", o -> o.with("InvoiceAddress").remove("Town"), "InvoiceAddress.Town is required");
        rule(breakages, expected, "no-country", o -> o.with("InvoiceAddress").remove("Country"), "InvoiceAddress.Country is required");
        rule(breakages, expected, "nameless-contact", o -> {
            o.with("InvoiceContact").remove("Forename");
            o.with("InvoiceContact").remove("Surname");
        }, "InvoiceContact needs a Forename or a Surname");
        rule(breakages, expected, "unknown-sku", o -> item(o).put("SKU", "UMBRELLA-GOLF"), "no stock item found for SKU \"UMBRELLA-GOLF\"");
        rule(breakages, expected, "bad-mapping", o -> item(o).put("Mapping", "Sku"), "Mapping must be one of");
        rule(breakages, expected, "no-unit-price", o -> item(o).remove("UnitPrice"), "UnitPrice is required");
        rule(breakages, expected, "zero-quantity", o -> item(o).put("Quantity", 0), "Quantity must be a number above 0");
        rule(breakages, expected, "offset-date", o -> o.with("Header").put("OrderDate", "2026-11-27T10:15:00+01:00"),
                "Header.OrderDate must be a DateTime like 2018-01-18T12:20:48");
        rule(breakages, expected, "unknown-site", o -> o.with("Header").with("Site").put("ID", "9"), "Header.Site \"9\" is not a stock site");
        rule(breakages, expected, "source-by-code", o -> {
            o.with("Header").with("SalesSource").remove("Name");
            o.with("Header").with("SalesSource").put("Code", "WEB");
        }, "SalesSource does not support matching by Code");
        rule(breakages, expected, "unknown-courier", o -> o.with("Header").with("Courier").put("Code", "PIGEON"), "is not a courier in Khaos");
        rule(breakages, expected, "two-payment-kinds", o -> ((ObjectNode) o.withArray("Payments").get(0)).putObject("Cash"),
                "needs exactly one of");
        rule(breakages, expected, "long-surname", o -> o.with("InvoiceContact").put("Surname", "S".repeat(51)),
                "InvoiceContact.Surname is 51 characters; at most 50");
        rule(breakages, expected, "numeric-line2", o -> o.with("InvoiceAddress").put("Line2", 12), "InvoiceAddress.Line2 must be a string");

        try (SimulatedKhaos kcc = new SimulatedKhaos().connected()) {
            breakages.forEach((ref, breakage) -> {
                ObjectNode order = TestChannel.order(ref, "SCARF-MER-GRY", 1);
                breakage.accept(order);
                kcc.channel.nextOrders.add(order);
            });
            kcc.channel.nextOrders.add(TestChannel.order("valid-order", "SCARF-MER-GRY", 1));
            JsonNode poll = kcc.poll();
            assertThat(poll.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly("valid-order");
            Map<String, String> reasons = new LinkedHashMap<>();
            poll.path("rejected").forEach(r -> reasons.put(r.path("associatedRef").asText(), r.path("reasons").toString()));
            expected.forEach((ref, reason) -> assertThat(reasons.get(ref)).as(ref)
                    .contains(reason.replace("\"", "\\\"")));
            assertThat(kcc.control("GET", "/rejected", null).path("rejected")).hasSize(expected.size());
        }
    }

    private static void rule(Map<String, Consumer<ObjectNode>> breakages, Map<String, String> expected, String ref,
                             Consumer<ObjectNode> breakage, String reason) {
        breakages.put(ref, breakage);
        expected.put(ref, reason);
    }
}
