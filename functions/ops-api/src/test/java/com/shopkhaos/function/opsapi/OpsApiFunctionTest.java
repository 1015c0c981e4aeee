package com.shopkhaos.function.opsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The ops API through the Lambda's API Gateway path: only the ops key retries, and only orders that have not reached Khaos. */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = {@ResourceArg(name = "function", value = "OpsApiFunction"),
        @ResourceArg(name = "overrides", value = "OPS_AUTH=key"),
        @ResourceArg(name = "secrets", value = "OPS_API_KEY_SECRET_ARN=" + OpsApiFunctionTest.OPS_KEY)})
class OpsApiFunctionTest {
    /** The template has no ops key (AWS uses the user pool's tokens): key mode, as in the sandbox, gets its own. */
    static final String OPS_KEY = "function-test-ops-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("OpsApiFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
    private String bearer;

    @BeforeEach
    void key() {
        bearer = "Bearer " + OPS_KEY;
        drain();
    }

    private List<JsonNode> drain() {
        List<JsonNode> bodies = new ArrayList<>();
        String queue = env.get("ORDER_EVENTS_QUEUE_URL");
        while (true) {
            List<Message> batch = cloud.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (Message m : batch) {
                try {
                    bodies.add(JSON.readTree(m.body()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                cloud.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private OrderLedgerEntry order(String number, OrderState state) {
        Instant at = Instant.parse("2026-11-27T09:00:00Z");
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", UUID.randomUUID().toString().replace("-", ""), number, "e-" + number,
                "checkout.order.placed", at);
        if (state == OrderState.QUARANTINED) {
            entry = entry.quarantined(List.of("UNKNOWN_SKU#" + number + ":X"), at, "unknown SKU");
        } else if (state == OrderState.IMPORTED) {
            entry = entry.moveTo(OrderState.READY, at, "ok").moveTo(OrderState.DOWNLOADED, at, "served")
                    .moveTo(OrderState.IMPORTED, at, "Khaos SO1");
        }
        ledger.create(entry);
        return entry;
    }

    @Test
    void retry_refusesCallers_withoutTheOpsKey() {
        given().when().post("/ops/orders/10001/retry").then().statusCode(401);
        given().header("Authorization", "Bearer not-the-key-but-long-enough-0000").when().post("/ops/orders/10001/retry")
                .then().statusCode(401);
        assertThat(drain()).isEmpty();
    }

    @Test
    void retry_ofAHeldOrder_byItsNumber_queuesItForOrderSync_andNotesItOnTheTimeline() throws IOException {
        String number = "R" + System.nanoTime();
        OrderLedgerEntry held = order(number, OrderState.QUARANTINED);

        String answer = given().header("Authorization", bearer).header("X-Ops-User", "Priya (ops)")
                .when().post("/ops/orders/" + number + "/retry").then().statusCode(202).extract().asString();

        assertThat(JSON.readTree(answer).path("outcome").asText()).isEqualTo("QUEUED");
        assertThat(drain()).singleElement().satisfies(m -> {
            assertThat(m.path("type").asText()).isEqualTo("RETRY_REQUESTED");
            assertThat(m.path("orderId").asText()).isEqualTo(held.orderId());
        });
        assertThat(ledger.find(held.orderId())).get().satisfies(e -> assertThat(e.timeline()).last()
                .satisfies(t -> assertThat(t.event() + " " + t.detail()).isEqualTo("retry requested by Priya (ops)")));
    }

    @Test
    void retry_answers404ForAnUnknownOrder_and409ForOneKhaosAlreadyHas() throws IOException {
        given().header("Authorization", bearer).when().post("/ops/orders/no-such-order/retry").then().statusCode(404);
        String number = "I" + System.nanoTime();
        order(number, OrderState.IMPORTED);
        String answer = given().header("Authorization", bearer).when().post("/ops/orders/" + number + "/retry")
                .then().statusCode(409).extract().asString();
        assertThat(JSON.readTree(answer).path("message").asText()).contains("IMPORTED");
        assertThat(drain()).isEmpty();
    }
}
