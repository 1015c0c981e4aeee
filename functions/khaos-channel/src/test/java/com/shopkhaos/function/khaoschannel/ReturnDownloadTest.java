package com.shopkhaos.function.khaoschannel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoCustomerReturns;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.ReturnCause;
import com.shopkhaos.model.returns.ReturnLine;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.math.BigDecimal;
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
 * CReturnDownload as KCC drives it (kcc-web-services README "Customer Return Download" L1814–1991): the READY returns as
 * {@code CustomerReturn} documents built from the sales order Khaos was sent, acknowledged only when KCC sends the page's
 * continuation back; {@code SpecificIDs} answers exactly the named returns; never a null.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "KhaosChannelFunction"))
class ReturnDownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("KhaosChannelFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
    private final DynamoCustomerReturns returns = new DynamoCustomerReturns(cloud.dynamoDb(), env.get("RETURNS_TABLE"));
    private String basic;

    @BeforeEach
    void credentials() throws IOException {
        JsonNode secret = JSON.readTree(cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("KHAOS_CHANNEL_SECRET_ARN")))
                .secretString());
        basic = "Basic " + Base64.getEncoder().encodeToString((secret.path("user").asText() + ":"
                + secret.path("password").asText()).getBytes(StandardCharsets.UTF_8));
    }

    /** An order Khaos has, as it was sent: a mug (2, 2.00 off the line) and a hat; one mug comes back. */
    private CustomerReturn returnOfOneMug(String number, Instant at) {
        String salesOrder = "{\"Customer\":{\"URN\":\"C" + number + "\",\"CreateNew\":\"IfNoMatch\"},"
                + "\"InvoiceAddress\":{\"Line1\":\"1 High Street\",\"Town\":\"Leeds\",\"Postcode\":\"LS1 1AA\",\"Country\":{\"Code\":\"GB\"}},"
                + "\"InvoiceContact\":{\"Forename\":\"Jo\",\"Surname\":\"Bloggs\"},"
                + "\"Header\":{\"AssociatedRef\":\"" + number + "\"},\"Items\":["
                + "{\"SKU\":\"MUG-BLUE\",\"Mapping\":\"StockCode\",\"Quantity\":2,\"UnitPrice\":{\"Gross\":10.00},\"ValueDiscount\":2.00,"
                + "\"ImportRef\":\"line-mug\"},"
                + "{\"SKU\":\"HAT-RED\",\"Mapping\":\"StockCode\",\"Quantity\":1,\"UnitPrice\":{\"Gross\":15.00},\"ImportRef\":\"line-hat\"}]}";
        OrderLedgerEntry ready = OrderLedgerEntry.received("shop1", UUID.randomUUID().toString().replace("-", ""), number,
                "e-" + number, "checkout.order.placed", at).ready(salesOrder, at, "checked");
        // downloaded by Khaos long ago: never served again as an order
        OrderLedgerEntry entry = ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("kc1-old").downloaded(at), at, "served");
        ledger.create(entry);
        CustomerReturn r = CustomerReturn.ready("shop1", entry.orderId(), number, 1, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE)), "C" + number, "3", at);
        assertThat(returns.add(r)).isTrue();
        return r;
    }

    private record Download(List<String> refs, String continuation, JsonNode body) {
    }

    private Download download(String continuation, String specificIds) throws IOException {
        var request = given().header("Authorization", basic).header("Sirion-Continuation", continuation);
        if (specificIds != null) {
            request.header("SpecificIDs", specificIds);
        }
        Response response = request.when().get("/khaos/returns");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        List<String> refs = new ArrayList<>();
        body.path("Returns").forEach(r -> refs.add(r.path("AssociatedRef").asText()));
        return new Download(refs, response.header("Sirion-Continuation"), body);
    }

    private static boolean hasNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNull(child)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readyReturns_areServedAsKhaosCustomerReturns_untilKhaosSendsThePageBack_andAnsweredAgainByName() throws IOException {
        String number = "R" + (System.nanoTime() % 1_000_000);
        CustomerReturn made = returnOfOneMug(number, Instant.now().minusSeconds(30));

        Download first = download("2019-12-31 12:00:00Z", null);
        assertThat(first.refs()).contains(made.associatedRef());
        assertThat(first.body().path("ApiVersion").asInt()).isEqualTo(1000);
        assertThat(first.body().path("Config").path("MatchAddressOn").isArray()).isTrue();
        assertThat(first.continuation()).startsWith("kr1-");
        assertThat(hasNull(first.body())).as("the spec: a null causes errors").isFalse();
        JsonNode ret = null;
        for (JsonNode r : first.body().path("Returns")) {
            if (r.path("AssociatedRef").asText().equals(made.associatedRef())) {
                ret = r;
            }
        }
        assertThat(ret.path("URN").asText()).isEqualTo("C" + number);
        assertThat(ret.path("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(ret.path("InvoiceAddress").path("Postcode").asText()).isEqualTo("LS1 1AA");
        assertThat(ret.path("ProcessReturn").asBoolean()).isTrue();
        JsonNode item = ret.path("ReturnedItems").path(0);
        assertThat(ret.path("ReturnedItems")).hasSize(1);
        assertThat(item.path("SKU").asText()).isEqualTo("MUG-BLUE");
        assertThat(item.path("Quantity").asInt()).isEqualTo(1);
        assertThat(item.path("Mapping").path(0).path("Mapping").asText()).isEqualTo("StockCode");
        assertThat(item.path("ReturnReason").path("ID").asText()).isEqualTo("3");
        assertThat(item.path("SourceReference").path("SourceOrder").path("AssociatedRef").asText()).isEqualTo(number);
        assertThat(item.path("UnitPrice").path("Gross").decimalValue()).as("what the customer paid: 10.00 less 1.00 of the discount")
                .isEqualByComparingTo("9.00");

        Download second = download(first.continuation(), null);
        assertThat(second.refs()).doesNotContain(made.associatedRef());
        assertThat(returns.find(made.associatedRef()).orElseThrow().state()).isEqualTo(CustomerReturn.State.DOWNLOADED);
        assertThat(ledger.find(made.orderId()).orElseThrow().timeline().toString()).contains("return taken by Khaos");

        Download retry = download(second.continuation() == null ? first.continuation() : second.continuation(),
                "\"" + made.associatedRef() + "\",NO-SUCH-R1");
        assertThat(retry.refs()).as("Khaos retries a failed import: exactly that return, under its own reference")
                .containsExactly(made.associatedRef());
    }
}
