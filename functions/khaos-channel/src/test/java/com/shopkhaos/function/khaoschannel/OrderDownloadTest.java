package com.shopkhaos.function.khaoschannel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OrderDownload and OrderStatusUpload as KCC drives them (khaoscontrol/kcc-web-services README): pages of
 * READY orders, each acknowledged only when KCC sends its continuation back; SpecificIDs; statuses that
 * move the ledger once. Page size 2 here, so paging shows with three orders.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "KhaosChannelFunction"))
@TestProfile(OrderDownloadTest.TwoPerPage.class)
class OrderDownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KCC_FIRST_CONTACT = "2019-12-31 12:00:00Z";
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("KhaosChannelFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
    private final DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"));
    private String basic;

    public static class TwoPerPage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopkhaos.khaos-order-page-size", "2");
        }
    }

    @BeforeEach
    void credentials() throws IOException {
        JsonNode secret = JSON.readTree(cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("KHAOS_CHANNEL_SECRET_ARN")))
                .secretString());
        basic = "Basic " + Base64.getEncoder().encodeToString((secret.path("user").asText() + ":"
                + secret.path("password").asText()).getBytes(StandardCharsets.UTF_8));
    }

    private OrderLedgerEntry ready(String number, Instant at) {
        String salesOrder = "{\"Header\":{\"AssociatedRef\":\"" + number + "\"},\"Items\":[]}";
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", UUID.randomUUID().toString().replace("-", ""), number,
                "e-" + number, "checkout.order.placed", at).ready(salesOrder, at, "checked");
        ledger.create(entry);
        return entry;
    }

    private record Download(List<String> refs, String continuation, JsonNode body) {
    }

    private Download download(String continuation, String specificIds) throws IOException {
        var request = given().header("Authorization", basic).header("Sirion-Continuation", continuation);
        if (specificIds != null) {
            request.header("SpecificIDs", specificIds);
        }
        Response response = request.when().get("/khaos/orders");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        List<String> refs = new ArrayList<>();
        body.path("Orders").forEach(o -> refs.add(o.path("Header").path("AssociatedRef").asText()));
        return new Download(refs, response.header("Sirion-Continuation"), body);
    }

    private OrderState state(OrderLedgerEntry entry) {
        return ledger.find(entry.orderId()).orElseThrow().state();
    }

    @Test
    void readyOrders_areServedInPages_andBecomeDownloadedOnlyWhenKhaosSendsThePageBack() throws IOException {
        Instant t = Instant.now().minusSeconds(60);
        String run = Long.toString(System.nanoTime() % 100_000);
        OrderLedgerEntry a = ready("A" + run, t);
        OrderLedgerEntry b = ready("B" + run, t.plusSeconds(1));
        OrderLedgerEntry c = ready("C" + run, t.plusSeconds(2));

        Download first = download(KCC_FIRST_CONTACT, null);
        assertThat(first.refs()).containsExactly(a.orderNumber(), b.orderNumber());
        assertThat(first.body().path("ApiVersion").asInt()).isEqualTo(1000);
        assertThat(first.body().path("Config").path("DiscontinuedItems").asText()).isEqualTo("ImportAndHold");
        assertThat(first.continuation()).startsWith("kc1-");
        assertThat(state(a)).as("served, but Khaos has not confirmed it received the page").isEqualTo(OrderState.READY);

        Download again = download(KCC_FIRST_CONTACT, null);
        assertThat(again.refs()).as("KCC lost our answer and asks with its old continuation: the same orders again")
                .containsExactly(a.orderNumber(), b.orderNumber());
        assertThat(again.continuation()).isNotEqualTo(first.continuation());

        Download second = download(again.continuation(), null);
        assertThat(state(a)).isEqualTo(OrderState.DOWNLOADED);
        assertThat(state(b)).isEqualTo(OrderState.DOWNLOADED);
        assertThat(ledger.find(a.orderId()).orElseThrow().khaos().servedPage()).isEqualTo(again.continuation());
        assertThat(second.refs()).containsExactly(c.orderNumber());

        Download third = download(second.continuation(), null);
        assertThat(state(c)).isEqualTo(OrderState.DOWNLOADED);
        assertThat(third.refs()).isEmpty();
        assertThat(third.continuation()).as("nothing new: the continuation comes back as it was").isEqualTo(second.continuation());
        long version = ledger.find(c.orderId()).orElseThrow().version();
        download(third.continuation(), null);
        assertThat(ledger.find(c.orderId()).orElseThrow().version()).as("a repeat acknowledges nothing twice").isEqualTo(version);

        Download retry = download(third.continuation(), "\"" + b.orderNumber() + "\",NO-SUCH-REF");
        assertThat(retry.refs()).as("Khaos retries a failed import: exactly that order, whatever its state")
                .containsExactly(b.orderNumber());
        assertThat(retry.continuation()).isEqualTo(third.continuation());
    }

    @Test
    void orderStatuses_importOrCancel_once_andWhatCannotBeMatchedReachesAPerson() throws IOException {
        Instant t = Instant.now().minusSeconds(120);
        String run = Long.toString(System.nanoTime() % 100_000);
        OrderLedgerEntry served = ready("S" + run, t);
        OrderLedgerEntry cancelled = ready("X" + run, t.plusSeconds(1));
        String statuses = "{\"Statuses\":["
                + status("SO1" + run, served, "Received") + ","
                + status("SO2" + run, cancelled, "Cancelled") + ","
                + "{\"OrderCode\":\"SO9\",\"OrderID\":\"9\",\"Status\":\"Received\",\"AssociatedRef\":\"NOT-OURS-" + run + "\","
                + "\"Shipments\":[]},"
                + "{\"OrderCode\":\"SO8\",\"OrderID\":\"8\",\"Shipments\":[]}]}";

        for (int push = 0; push < 2; push++) {
            given().header("Authorization", basic).body(statuses).when().post("/khaos/order-status").then().statusCode(200);
        }

        OrderLedgerEntry imported = ledger.find(served.orderId()).orElseThrow();
        assertThat(imported.state()).isEqualTo(OrderState.IMPORTED);
        assertThat(imported.khaos().khaosOrderCode()).isEqualTo("SO1" + run);
        assertThat(imported.timeline()).extracting(l -> l.state()).containsExactly(OrderState.RECEIVED, OrderState.READY, OrderState.DOWNLOADED,
                OrderState.IMPORTED);
        assertThat(imported.version()).as("the second push changed nothing").isEqualTo(3);
        assertThat(state(cancelled)).isEqualTo(OrderState.CANCELLED);
        assertThat(exceptions.find(ExceptionRecord.idFor(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER,
                "NOT-OURS-" + run))).isPresent();
        assertThat(exceptions.listOpen(200)).anyMatch(e -> e.id().startsWith("KHAOS_UPLOAD_UNREADABLE#order_status-entry-")
                && e.evidence().contains("SO8"));

        given().header("Authorization", basic).body("Statuses: none").when().post("/khaos/order-status").then().statusCode(400);
    }

    @Test
    void aStatusForAnOrderTheShopWithdrew_orNeverSent_reachesAPersonOnce_andChangesNoState() throws IOException {
        Instant t = Instant.now().minusSeconds(120);
        String run = Long.toString(System.nanoTime() % 100_000);
        OrderLedgerEntry served = ready("W" + run, t);
        OrderLedgerEntry withdrawn = served.moveTo(OrderState.WITHDRAWN, t.plusSeconds(1), "cancelled in the shop");
        ledger.update(withdrawn);
        OrderLedgerEntry notSent = OrderLedgerEntry.received("shop1", UUID.randomUUID().toString().replace("-", ""), "N" + run,
                "e-N" + run, "checkout.order.placed", t);
        ledger.create(notSent);
        String statuses = "{\"Statuses\":[" + status("SO3" + run, withdrawn, "Received") + ","
                + status("SO4" + run, notSent, "Received") + "]}";

        for (int push = 0; push < 2; push++) {
            given().header("Authorization", basic).body(statuses).when().post("/khaos/order-status").then().statusCode(200);
        }

        assertThat(state(withdrawn)).as("a person decides; Khaos's report does not revive it").isEqualTo(OrderState.WITHDRAWN);
        assertThat(state(notSent)).isEqualTo(OrderState.RECEIVED);
        List<ExceptionRecord> open = exceptions.listOpen(500);
        assertThat(open).filteredOn(e -> e.id().equals(ExceptionRecord.idFor(
                ExceptionType.CANCELLED_AFTER_DOWNLOAD, "W" + run)))
                .as("Khaos has an order the shop cancelled: one problem, though KCC reported it twice").singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("SO3" + run));
        assertThat(open).filteredOn(e -> e.id().equals(ExceptionRecord.idFor(
                ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, "N" + run)))
                .as("Khaos reports an order we never sent it").singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("never sent"));
    }

    private static String status(String code, OrderLedgerEntry entry, String status) {
        return "{\"OrderCode\":\"" + code + "\",\"OrderID\":\"" + code.substring(2) + "\",\"Status\":\"" + status
                + "\",\"AssociatedRef\":\"" + entry.orderNumber() + "\",\"ChannelID\":\"3\",\"CustomData\":\"" + entry.orderId()
                + "\",\"Shipments\":[]}";
    }
}
