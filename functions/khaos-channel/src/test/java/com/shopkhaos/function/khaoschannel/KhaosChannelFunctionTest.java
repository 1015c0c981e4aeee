package com.shopkhaos.function.khaoschannel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.emulator.FunctionLocalCloud;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The channel's front door, as Khaos Control Cloud calls it, through the Lambda's API Gateway event path. */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "KhaosChannelFunction"))
class KhaosChannelFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("KhaosChannelFunction");
    private String basic;

    @BeforeEach
    void credentials() throws IOException {
        JsonNode secret = JSON.readTree(cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("KHAOS_CHANNEL_SECRET_ARN")))
                .secretString());
        basic = "Basic " + Base64.getEncoder().encodeToString((secret.path("user").asText() + ":"
                + secret.path("password").asText()).getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = KhaosChannelFunctionTest.class.getResourceAsStream("/khaos/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyPath_refusesMissingOrWrongCredentials() {
        given().when().get("/khaos/config.json").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"Khaos channel\"");
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("khaos:guess".getBytes()))
                .when().get("/khaos/orders").then().statusCode(401);
        for (String path : List.of("/khaos/order-status", "/khaos/stock-status", "/khaos/stock")) {
            given().body("{\"Statuses\":[]}").when().post(path).then().statusCode(401);
        }
    }

    @Test
    void config_isAJsonEndpointConfig_namingOurEndpoints() throws IOException {
        Response response = given().header("Authorization", basic).when().get("/khaos/config.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode config = JSON.readTree(response.asString()).path("EndpointConfig");
        assertThat(config.path("OrderDownload").path("URL").asText()).endsWith("/khaos/orders");
        assertThat(config.path("OrderDownload").path("Format").asText()).isEqualTo("JSON");
        assertThat(config.path("OrderDownload").path("Frequency").asInt()).as("the template's default: every minute").isEqualTo(1);
        assertThat(config.path("OrderStatusUpload").path("URL").asText()).endsWith("/khaos/order-status");
        assertThat(config.path("StockStatusUpload").path("URL").asText()).endsWith("/khaos/stock-status");
        assertThat(config.path("StockUpload").path("URL").asText()).endsWith("/khaos/stock");
        assertThat(config.path("CReturnDownload").path("URL").asText()).endsWith("/khaos/returns");
        assertThat(config.path("CReturnDownload").path("Format").asText()).isEqualTo("JSON");
        assertThat(config.path("CReturnDownload").path("Frequency").asInt()).as("the spec requires it of a download").isEqualTo(1);
        assertThat(config.path("PriceListUpload").path("URL").asText()).endsWith("/khaos/price-lists");
        assertThat(config.path("PriceListUpload").has("Frequency")).as("a push: KCC decides when").isFalse();
    }

    @Test
    void priceLists_areStoredAsTheyCame_andOneWithoutItsListsIsRefused() {
        String lists = "{\"UploadPriceLists\":[{\"ChannelID\":\"166\",\"PriceListID\":\"41\",\"PriceListName\":\"Channel 2 Price List\","
                + "\"StockPrices\":[{\"BuyPrice\":{\"Net\":9.99},\"PriceType\":1,\"PriceValue\":8.75,\"QtyEnd\":99999.0,"
                + "\"QtyStart\":1.0,\"SellPrice\":{\"Gross\":12.0},\"StockCode\":\"002253\",\"StockDesc\":\"002253 -A\","
                + "\"StockID\":\"19\"}]}]}";
        given().header("Authorization", basic).body(lists).when().post("/khaos/price-lists").then().statusCode(200);
        given().header("Authorization", basic).body("{\"PriceLists\":[]}").when().post("/khaos/price-lists").then().statusCode(400);
        given().body(lists).when().post("/khaos/price-lists").then().statusCode(401);
    }

    @Test
    void orderDownload_isEmptyButValid_andHandsTheContinuationBack() throws IOException {
        Response response = given().header("Authorization", basic).header("Sirion-Continuation", "2019-12-31 12:00:00Z")
                .when().get("/khaos/orders");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.path("Orders").isArray()).isTrue();
        assertThat(body.path("Orders")).isEmpty();
        assertThat(body.path("ApiVersion").asInt()).isEqualTo(1000);
        assertThat(response.header("Sirion-Continuation")).isEqualTo("2019-12-31 12:00:00Z");
    }

    @Test
    void stockUpload_keepsTheCatalogue_idempotently_andFlagsUnknownTaxCodes() throws IOException {
        String upload = fixture("stock-upload.json");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", basic).body(upload).when().post("/khaos/stock").then().statusCode(200);
        }
        Map<String, AttributeValue> scarf = item("7001");
        assertThat(scarf.get("stockCode").s()).isEqualTo("SCARF-MER-GRY");
        assertThat(scarf.get("taxRatePercent").n()).isEqualTo("20");
        assertThat(scarf.get("publishOnWeb").bool()).isTrue();
        Map<String, AttributeValue> book = item("7002");
        assertThat(book.get("discontinued").bool()).isTrue();
        assertThat(book.get("otherRef").s()).isEqualTo("BOOK-KNIT-GUIDE");
        assertThat(book.get("taxRatePercent").n()).isEqualTo("0");
        assertThat(item("7003").get("description").s()).isEqualTo("Heritage duty item");
        assertThat(item("7003").containsKey("taxRatePercent")).isFalse();

        Map<String, AttributeValue> problem = cloud.dynamoDb().getItem(b -> b.tableName(env.get("EXCEPTIONS_TABLE"))
                .key(Map.of("id", AttributeValue.fromS("UNKNOWN_TAX_RATE_CODE#tax-rate-9")))).item();
        assertThat(problem.get("status").s()).isEqualTo("OPEN");
        assertThat(problem.get("occurrences").n()).isEqualTo("2");

        given().header("Authorization", basic).body("{\"Items\":[],\"Deleted\":[\"7002\"]}").when().post("/khaos/stock")
                .then().statusCode(200);
        assertThat(item("7002").get("deleted").bool()).isTrue();
        assertThat(item("7002").get("stockCode").s()).as("kept, so orders can say it was deleted").isEqualTo("BK-KNIT-01");
    }

    @Test
    void malformedUploads_get400_andAreKeptForAPerson() {
        given().header("Authorization", basic).body("{\"Items\": [ {").when().post("/khaos/stock").then().statusCode(400);
        given().header("Authorization", basic).body("{\"Something\":1}").when().post("/khaos/stock-status").then().statusCode(400);
        List<Map<String, AttributeValue>> open = cloud.dynamoDb().scan(b -> b.tableName(env.get("EXCEPTIONS_TABLE"))).items();
        assertThat(open).anyMatch(e -> e.get("id").s().startsWith("KHAOS_UPLOAD_UNREADABLE#stock-"))
                .anyMatch(e -> e.get("id").s().startsWith("KHAOS_UPLOAD_UNREADABLE#stock_status-"));
    }

    @Test
    void statusUploads_areStoredRaw_withTheirTimeOfReceipt() throws IOException {
        String orderStatus = fixture("order-status-upload.json");
        String stockStatus = fixture("stock-status-upload.json");
        given().header("Authorization", basic).body(orderStatus).when().post("/khaos/order-status").then().statusCode(200);
        given().header("Authorization", basic).body(stockStatus).when().post("/khaos/stock-status").then().statusCode(200);
        assertThat(latestBody("ORDER_STATUS")).isEqualTo(orderStatus);
        assertThat(latestBody("STOCK_STATUS")).isEqualTo(stockStatus);
    }

    @Test
    void stockStatuses_keepTheLatestFigurePerCodeAndSite_andSetAsideWhatCannotBeRead() {
        String code = "RTZ-" + System.nanoTime();
        String first = "{\"Statuses\":[{\"StockCode\":\"" + code + "\",\"StockID\":\"9\",\"SiteID\":1,\"Levels\":{\"Available\":5.0,\"OnOrder\":0.0}},"
                + "{\"StockCode\":\"" + code + "\",\"StockID\":\"9\",\"SiteID\":2,\"Levels\":{\"Available\":1.0,\"OnOrder\":0.0}},"
                + "{\"StockCode\":\"" + code + "-KIT\",\"StockID\":\"10\",\"SiteID\":1,\"RelationshipPotential\":{\"FromChildren\":2,\"FromParents\":0}},"
                + "{\"StockCode\":\"" + code + "\",\"StockID\":\"9\",\"Levels\":{\"Available\":\"lots\"}}]}";
        given().header("Authorization", basic).body(first).when().post("/khaos/stock-status").then().statusCode(200);
        given().header("Authorization", basic).body("{\"Statuses\":[{\"StockCode\":\"" + code
                + "\",\"StockID\":\"9\",\"SiteID\":1,\"Levels\":{\"Available\":3.0,\"OnOrder\":0.0}}]}")
                .when().post("/khaos/stock-status").then().statusCode(200);

        assertThat(available(code)).containsEntry("1", "3").containsEntry("2", "1").hasSize(2);
        assertThat(available(code + "-KIT")).containsExactly(Map.entry("1", "2"));
        List<Map<String, AttributeValue>> problems = cloud.dynamoDb().scan(b -> b.tableName(env.get("EXCEPTIONS_TABLE"))).items();
        assertThat(problems).anyMatch(e -> e.get("id").s().startsWith("KHAOS_UPLOAD_UNREADABLE#stock_status-entry-")
                && e.get("evidence").s().contains("lots"));
    }

    private Map<String, String> available(String code) {
        Map<String, String> bySite = new TreeMap<>();
        cloud.dynamoDb().query(b -> b.tableName(env.get("STOCK_TABLE")).keyConditionExpression("stockCode = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(code)))).items()
                .forEach(i -> bySite.put(i.get("site").n(), new BigDecimal(i.get("available").n()).stripTrailingZeros().toPlainString()));
        return bySite;
    }

    private Map<String, AttributeValue> item(String stockId) {
        return cloud.dynamoDb().getItem(b -> b.tableName(env.get("KHAOS_CATALOGUE_TABLE"))
                .key(Map.of("stockId", AttributeValue.fromS(stockId)))).item();
    }

    private String latestBody(String kind) {
        Map<String, AttributeValue> latest = cloud.dynamoDb().query(b -> b.tableName(env.get("KHAOS_INBOX_TABLE"))
                .keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", AttributeValue.fromS(kind)))
                .scanIndexForward(false).limit(1)).items().get(0);
        assertThat(latest.get("receivedAt").s()).isNotBlank();
        return latest.get("body").s();
    }
}
