package com.shopkhaos.function.khaoschannel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The largest OrderDownload answer stays under Lambda's 6 MB response limit (6,291,456 bytes), counted as Lambda
 * counts it: the API Gateway HTTP API envelope ({@code statusCode}, {@code headers}, {@code body} as an escaped
 * JSON string, {@code isBase64Encoded}) serialized in UTF-8; with orders full of Welsh, Polish, emoji and quotes,
 * which escaping grows. What does not fit is served on the next page; nothing is lost or served twice.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "KhaosChannelFunction"))
class OrderDownloadSizeTest {
    static final int LAMBDA_RESPONSE_LIMIT = 6_291_456;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A writer that escapes every non-ASCII character ({@code \}{@code u0142}): the largest a serializer could make it. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String LINE = "Siân \"Gwlân\" Llewelyn-Wiśniewska, Łódź – Zażółć gęślą jaźń 🧶🐑 «cwtch» ŷ ";
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("KhaosChannelFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));

    /** A sales order of some 300 KB as Khaos receives it (far larger than a real one, so that a page fills up). */
    private static String salesOrder(String number) {
        ObjectNode order = JSON.createObjectNode();
        order.putObject("Header").put("AssociatedRef", number).put("OrderDate", "2026-11-27T09:41:12");
        order.putObject("InvoiceContact").put("Forename", "Siân").put("Surname", "Llewelyn-Wiśniewska \"Sioned\" 🧶");
        ArrayNode items = order.putArray("Items");
        for (int i = 0; i < 300; i++) {
            items.addObject().put("SKU", "GWLAN-" + i).put("Quantity", 1.0)
                    .putObject("StockDescription").put("Source", "Explicit").put("Parameter", LINE.repeat(3) + i);
        }
        return order.toString();
    }

    private OrderLedgerEntry ready(String number, Instant at) {
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", UUID.randomUUID().toString().replace("-", ""), number,
                "e-" + number, "checkout.order.placed", at).ready(salesOrder(number), at, "checked");
        ledger.create(entry);
        return entry;
    }

    /** The answer as the Lambda function returns it to API Gateway, serialized by {@code writer}, in bytes. */
    private static int envelopeBytes(Response response, ObjectMapper writer) throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("statusCode", response.statusCode());
        ObjectNode headers = envelope.putObject("headers");
        for (Header h : response.headers()) {
            headers.put(h.getName(), h.getValue());
        }
        envelope.put("body", new String(response.asByteArray(), StandardCharsets.UTF_8)).put("isBase64Encoded", false);
        return writer.writeValueAsBytes(envelope).length;
    }

    @Test
    void aPageNearTheCap_staysUnderLambdasLimitAsSent_andWhatDoesNotFitComesOnTheNextPage() throws Exception {
        JsonNode secret = JSON.readTree(cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("KHAOS_CHANNEL_SECRET_ARN")))
                .secretString());
        String basic = "Basic " + Base64.getEncoder().encodeToString((secret.path("user").asText() + ":"
                + secret.path("password").asText()).getBytes(StandardCharsets.UTF_8));
        // older than anything other tests leave READY, so these are served first
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        String run = Long.toString(System.nanoTime() % 100_000);
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ours.add(ready("BIG" + run + "-" + i, t.plusSeconds(i)).orderNumber());
        }

        List<List<String>> pages = new ArrayList<>();
        List<Integer> escapedSizes = new ArrayList<>();
        Set<String> served = new LinkedHashSet<>();
        String continuation = "2019-12-31 12:00:00Z";
        while (!served.containsAll(ours) && pages.size() < 10) {
            Response response = given().header("Authorization", basic).header("Sirion-Continuation", continuation)
                    .when().get("/khaos/orders");
            assertThat(response.statusCode()).isEqualTo(200);
            int asSent = envelopeBytes(response, JSON);
            int escaped = envelopeBytes(response, ESCAPING);
            assertThat(asSent).as("the envelope as Jackson writes it").isLessThan(LAMBDA_RESPONSE_LIMIT);
            assertThat(escaped).as("the envelope with every non-ASCII character escaped").isLessThan(LAMBDA_RESPONSE_LIMIT);
            List<String> refs = new ArrayList<>();
            JSON.readTree(response.asByteArray()).path("Orders").forEach(o -> refs.add(o.path("Header").path("AssociatedRef").asText()));
            refs.retainAll(ours);
            assertThat(refs).as("no order served twice").noneMatch(served::contains);
            served.addAll(refs);
            pages.add(refs);
            escapedSizes.add(escaped);
            System.out.printf("page %d: %d of our orders, envelope %,d bytes as written, %,d with non-ASCII escaped%n",
                    pages.size(), refs.size(), asSent, escaped);
            continuation = response.header("Sirion-Continuation");
        }
        given().header("Authorization", basic).header("Sirion-Continuation", continuation).when().get("/khaos/orders")
                .then().statusCode(200);

        assertThat(served).as("every order served, none lost").containsExactlyElementsOf(ours);
        assertThat(pages.get(0)).as("the first page is cut by size, not by the page size of 1000").hasSizeBetween(2, ours.size() - 1);
        assertThat(escapedSizes.get(0)).as("the first page is near the cap").isGreaterThan(LAMBDA_RESPONSE_LIMIT - 600_000);
        for (String number : ours) {
            assertThat(ledger.findByOrderNumber(number).orElseThrow().state()).isEqualTo(OrderState.DOWNLOADED);
        }
    }
}
