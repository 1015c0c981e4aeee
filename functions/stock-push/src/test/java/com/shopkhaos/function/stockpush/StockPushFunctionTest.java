package com.shopkhaos.function.stockpush;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoKhaosStockLevels;
import com.shopkhaos.infra.dynamodb.DynamoStockVersions;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stock-push Lambda as SQS invokes it: each stock-changes record on its own; a record it cannot read is reported back. */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "StockPushFunction"))
class StockPushFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("StockPushFunction");

    private static String fixture(String name) throws IOException {
        try (InputStream in = StockPushFunctionTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNegativeKhaosFigure_reachesAPerson_andAMessageFromANewerVersionGoesBackToTheQueue() throws IOException {
        String code = "NEG-" + System.nanoTime();
        new DynamoKhaosStockLevels(cloud.dynamoDb(), env.get("STOCK_TABLE"),
                new DynamoStockVersions(cloud.dynamoDb(), env.get("IN_FLIGHT_TABLE")))
                .record(List.of(new StockLevel(code, "77", 1, new BigDecimal("-3"), Instant.now())));

        String answer = given().contentType("application/json").body(fixture("sqs-stock-changes.json").replace("CODE_A", code))
                .when().post().then().statusCode(200).extract().asString();

        assertThat(JSON.readTree(answer).path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .containsExactly("c1d2e3f4-0000-4aaa-8bbb-123456789abc");
        assertThat(new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE")).find("STOCK_NEGATIVE_IN_KHAOS#" + code))
                .get().satisfies(e -> {
                    assertThat(e.status()).isEqualTo(ExceptionStatus.OPEN);
                    assertThat(e.reason()).contains("-3");
                });
    }
}
