package com.shopkhaos.function.ordersync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order-sweep Lambda as its schedule invokes it: orders Khaos downloaded and never confirmed reach a person, once. */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "OrderSweepFunction"))
class OrderSweepFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("OrderSweepFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
    private final DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"));

    private static String fixture(String name) throws IOException {
        try (InputStream in = OrderSweepFunctionTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOrderKhaosDownloadedLongAgo_withoutAStatus_raisesNotConfirmedOnce() throws IOException {
        String number = "8" + (System.nanoTime() % 1_000_000);
        Instant longAgo = Instant.now().minus(Duration.ofHours(5));
        ledger.create(OrderLedgerEntry.received("shopX", UUID.randomUUID().toString().replace("-", ""), number, "e", "checkout.order.placed",
                        longAgo).moveTo(OrderState.READY, longAgo, "checked")
                .moveTo(OrderState.DOWNLOADED, KhaosHandover.NONE.downloaded(longAgo), longAgo, "served"));

        JsonNode first = JSON.readTree(given().contentType("application/json").body(fixture("scheduler-input.json"))
                .when().post().then().statusCode(200).extract().asString());
        JsonNode second = JSON.readTree(given().contentType("application/json").body(fixture("scheduler-input.json"))
                .when().post().then().statusCode(200).extract().asString());

        assertThat(first.path("notConfirmedByKhaos")).extracting(JsonNode::asText).contains(number);
        assertThat(second.path("notConfirmedByKhaos")).extracting(JsonNode::asText).doesNotContain(number);
        assertThat(exceptions.find("NOT_CONFIRMED_BY_KHAOS#" + number)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExceptionStatus.OPEN);
            assertThat(e.occurrences()).isEqualTo(1);
            assertThat(e.reason()).contains("AssociatedRef " + number);
        });
    }
}
