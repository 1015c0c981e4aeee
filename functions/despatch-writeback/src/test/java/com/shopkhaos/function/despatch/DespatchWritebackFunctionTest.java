package com.shopkhaos.function.despatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The despatch-writeback Lambda as SQS invokes it: each record on its own, with its receive count. A step that keeps
 * failing goes back to the queue each time, and on the queue's last try a person is told which step failed; a record
 * this version cannot read is reported back (it reaches the DLQ, kept).
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "DespatchWritebackFunction"))
class DespatchWritebackFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("DespatchWritebackFunction");

    private String event(String orderId, String orderNumber, int receiveCount) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/sqs-despatches.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ORDER_ID", orderId)
                    .replace("ORDER_NUMBER", orderNumber).replace("SHOP_ID", "shopNotRegistered1").replace("LINE_ID", "line-1")
                    .replace("RECEIVE_COUNT", Integer.toString(receiveCount));
        }
    }

    private String anOrderOfAShopThatCannotBeReached(String orderNumber) {
        String orderId = String.format("%032x", System.nanoTime());
        new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE")).create(OrderLedgerEntry.received("shopNotRegistered1", orderId,
                orderNumber, "evt-" + orderNumber, "checkout.order.placed", Instant.now()));
        return orderId;
    }

    private Optional<ExceptionRecord> writebackFailed(String orderNumber) {
        return new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"))
                .find(ExceptionRecord.idFor(ExceptionType.WRITEBACK_FAILED, orderNumber));
    }

    private JsonNode invoke(String event) throws IOException {
        return JSON.readTree(given().contentType("application/json").body(event).when().post().then().statusCode(200).extract().asString());
    }

    @Test
    void aFailingStep_goesBackToTheQueue_andOnTheLastTryAPersonIsToldWhichStep() throws IOException {
        String number = "DW" + System.nanoTime() % 1_000_000;
        String orderId = anOrderOfAShopThatCannotBeReached(number);

        JsonNode early = invoke(event(orderId, number, 2));
        assertThat(early.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .contains("5d0c8f7e-1b2a-4c3d-9e8f-0a1b2c3d4e51");
        assertThat(writebackFailed(number)).as("not before the last try").isEmpty();

        JsonNode last = invoke(event(orderId, number, Integer.parseInt(env.get("WRITEBACK_ATTEMPTS"))));
        assertThat(last.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .contains("5d0c8f7e-1b2a-4c3d-9e8f-0a1b2c3d4e51");
        assertThat(writebackFailed(number)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExceptionStatus.OPEN);
            assertThat(e.reason()).contains("reading the order from the shop").contains("5 times");
        });
    }

    @Test
    void aMessageFromANewerVersion_isReportedBack_notDropped() throws IOException {
        JsonNode answer = invoke(event("0123456789abcdef0123456789abcdef", "DW-unknown", 1));
        assertThat(answer.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .contains("9e8d7c6b-0000-4aaa-8bbb-123456789def");
    }

    @Test
    void workForAnOrderThisChannelNeverHad_isPutInFrontOfAPerson() throws IOException {
        String number = "DW-ORPHAN-" + System.nanoTime() % 1_000_000;
        JsonNode answer = invoke(event(String.format("%032x", System.nanoTime()), number, 1));
        assertThat(answer.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .doesNotContain("5d0c8f7e-1b2a-4c3d-9e8f-0a1b2c3d4e51");
        assertThat(new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"))
                .find(ExceptionRecord.idFor(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, number))).isPresent();
    }
}
