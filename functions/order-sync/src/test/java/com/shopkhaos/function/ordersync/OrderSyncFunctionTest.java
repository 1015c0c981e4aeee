package com.shopkhaos.function.ordersync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The order-sync Lambda as SQS invokes it: a batch of order-events records, each handled on its own, and
 * only the ones that failed reported back (ReportBatchItemFailures), so SQS delivers just those again.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "OrderSyncFunction"))
class OrderSyncFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(),
            cloud.functionEnvironment("OrderSyncFunction").get("ORDERS_TABLE"));

    private static String fixture(String name) throws IOException {
        try (InputStream in = OrderSyncFunctionTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String orderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aBatch_reportsOnlyTheRecordThatFailed_andFinishesTheOthers() throws IOException {
        String unreachable = orderId();
        String handedOver = orderId();
        Instant at = Instant.parse("2026-11-27T09:00:00Z");
        OrderLedgerEntry downloaded = OrderLedgerEntry.received("notRegistered0001", handedOver, "77002", "e-1",
                        "checkout.order.placed", at).moveTo(OrderState.READY, at, "checked")
                .moveTo(OrderState.DOWNLOADED, KhaosHandover.NONE.downloaded(at), at, "served");
        ledger.create(downloaded);
        String event = fixture("sqs-order-events.json").replace("ORDER_A", unreachable).replace("NUMBER_A", "77001")
                .replace("ORDER_B", handedOver).replace("NUMBER_B", "77002");

        String answer = given().contentType("application/json").accept("application/json").body(event)
                .when().post().then().statusCode(200).extract().asString();

        JsonNode failures = JSON.readTree(answer).path("batchItemFailures");
        assertThat(failures).as("the shop of the first order is not registered: SQS must deliver it again")
                .extracting(f -> f.path("itemIdentifier").asText()).containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(ledger.find(handedOver)).get().extracting(OrderLedgerEntry::state, OrderLedgerEntry::version)
                .as("a payment for an order Khaos already has changes nothing").containsExactly(OrderState.DOWNLOADED, 3L);
    }
}
