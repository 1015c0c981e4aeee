package com.shopkhaos.function.ordersync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.FunctionLocalCloud;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoKhaosInbox;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.infra.khaos.KccSalesOrderFormat;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosUpload;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.KhaosSalesOrder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The personal-data-sweep Lambda as its daily schedule and a person's erasure request invoke it, over entries written
 * by the real adapters: what an ops user then sees of an order has no name, address, email or phone, and still has
 * its totals, VAT, state and Khaos codes.
 */
@QuarkusTest
@WithTestResource(value = FunctionLocalCloud.class, initArgs = @ResourceArg(name = "function", value = "PersonalDataFunction"))
class PersonalDataFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.functionEnvironment("PersonalDataFunction");
    private final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"),
            Integer.parseInt(env.get("FINANCE_RETENTION_DAYS")));
    private final DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"),
            Integer.parseInt(env.get("FINANCE_RETENTION_DAYS")));
    private final DynamoKhaosInbox inbox = new DynamoKhaosInbox(cloud.dynamoDb(), env.get("KHAOS_INBOX_TABLE"));

    /** One customer's personal data as it goes into a sales order. */
    private record Customer(String forename, String surname, String email, String phone, String line1, String town, String postcode) {
        List<String> values() {
            return List.of(forename, surname, email, phone, line1, town, postcode);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PersonalDataFunctionTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String unique() {
        return String.format("%08d", System.nanoTime() % 100_000_000L);
    }

    private static Customer customer(String tag) {
        return new Customer("Priya" + tag, "Okonkwo" + tag, "priya." + tag + "@example.co.uk", "07700 9" + tag.substring(0, 5),
                tag + " Larkspur Crescent", "Harrogate" + tag, "HG1 " + tag.substring(0, 3));
    }

    /** An order Khaos imported {@code age} ago, written through the real ledger with the real sales order JSON. */
    private OrderLedgerEntry importedOrder(String number, Customer c, Duration age) {
        Instant at = Instant.now().minus(age);
        KhaosSalesOrder.Address address = new KhaosSalesOrder.Address(c.line1(), "", "", c.town(), c.postcode(), "GB", "", c.phone());
        KhaosSalesOrder.Contact contact = new KhaosSalesOrder.Contact(c.forename(), c.surname(), c.email(), c.phone());
        KhaosSalesOrder order = new KhaosSalesOrder(number, LocalDateTime.ofInstant(at, ZoneOffset.UTC), "shop-order-" + number,
                "Web Customer", "GBP", "", false, address, contact, address, contact, "1", "WEB", "RM24",
                new BigDecimal("4.99"), new BigDecimal("0.83"), new BigDecimal("59.99"),
                List.of(new KhaosSalesOrder.Line("MUG-BLUE", "MUG-BLUE", 2, new BigDecimal("27.50"), BigDecimal.ZERO,
                        new BigDecimal("20"), "line-1", "Blue mug")),
                List.of(new KhaosSalesOrder.Payment(new BigDecimal("59.99"), "Visa", false, "AUTH42", "TX-" + number)), false);
        String json = new KccSalesOrderFormat().write(order);
        OrderLedgerEntry ready = OrderLedgerEntry.received("shopP", UUID.randomUUID().toString().replace("-", ""), number, "e-" + number,
                "checkout.order.placed", at).ready(json, at, "checked");
        OrderLedgerEntry imported = ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("page-" + number).downloaded(at), at, "served")
                .moveTo(OrderState.IMPORTED, ready.khaos().servedIn("page-" + number).downloaded(at).reported("SO" + number, "9" + number,
                        "Imported", KhaosOrderProgress.UNKNOWN),
                        at, "Khaos imported it");
        ledger.create(imported);
        assertThat(ledger.find(imported.orderId()).orElseThrow().khaos().salesOrder()).contains(c.email(), c.line1());
        return imported;
    }

    private JsonNode invoke(String body) throws IOException {
        return JSON.readTree(given().contentType("application/json").body(body).when().post().then().statusCode(200).extract().asString());
    }

    /** What an ops user sees of the order (found by its number, as the console finds it) keeps the money, never the customer. */
    private void assertErasedKeepingTheMoney(String number, Customer c) throws IOException {
        OrderLedgerEntry seen = ledger.findByOrderNumber(number).orElseThrow();
        String shown = seen.toString() + seen.khaos().salesOrder();
        for (String personal : c.values()) {
            assertThat(shown).as("the order still shows " + personal).doesNotContainIgnoringCase(personal);
        }
        JsonNode salesOrder = JSON.readTree(seen.khaos().salesOrder());
        assertThat(salesOrder.path("InvoiceContact").path("Email").asText()).isEqualTo("[erased]");
        assertThat(salesOrder.path("DeliveryAddress").path("Line1").asText()).isEqualTo("[erased]");
        assertThat(salesOrder.path("DeliveryAddress").path("Country").path("Code").asText()).isEqualTo("GB");
        assertThat(salesOrder.path("Header").path("AssociatedRef").asText()).isEqualTo(number);
        assertThat(salesOrder.path("Header").path("GrossTotal").decimalValue()).isEqualByComparingTo("59.99");
        assertThat(salesOrder.path("Header").path("DeliveryTaxAmount").decimalValue()).isEqualByComparingTo("0.83");
        assertThat(salesOrder.path("Header").path("DeliveryCharge").path("Gross").decimalValue()).isEqualByComparingTo("4.99");
        assertThat(salesOrder.path("Items").get(0).path("UnitPrice").path("Gross").decimalValue()).isEqualByComparingTo("27.50");
        assertThat(salesOrder.path("Payments").get(0).path("Amount").decimalValue()).isEqualByComparingTo("59.99");
        assertThat(seen.state()).isEqualTo(OrderState.IMPORTED);
        assertThat(seen.khaos().khaosOrderCode()).isEqualTo("SO" + number);
        assertThat(seen.khaos().khaosStatus()).isEqualTo("Imported");
        assertThat(seen.khaos().personalDataErasedAt()).isNotNull();
        assertThat(seen.timeline()).extracting(t -> t.event()).contains("personal data erased");
    }

    @Test
    void theDailyRun_erasesWhatIsOlderThanTheRetention_once_andKeepsTheMoneySkeletonForFinance() throws IOException {
        String tag = unique();
        Customer old = customer(tag);
        Customer recent = customer(tag + "1");
        OrderLedgerEntry oldOrder = importedOrder("P" + tag, old, Duration.ofDays(120));
        OrderLedgerEntry recentOrder = importedOrder("Q" + tag, recent, Duration.ofDays(3));
        Instant longAgo = Instant.now().minus(Duration.ofDays(100));
        exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other("webhook-old-" + tag), "unreadable",
                "{\"customer\":{\"email\":\"" + old.email() + "\",\"firstName\":\"" + old.forename() + "\"", longAgo));

        JsonNode first = invoke(fixture("personal-data-schedule.json"));
        JsonNode second = invoke(fixture("personal-data-schedule.json"));

        assertThat(first.path("run").asText()).isEqualTo("retention");
        assertThat(first.path("retentionDays").asInt()).isEqualTo(90);
        assertThat(first.path("erased").path("ORDER").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(first.path("erased").path("EXCEPTION").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(second.path("erased").path("ORDER").asInt()).as("a rerun erases nothing again").isZero();
        assertThat(second.path("erased").path("EXCEPTION").asInt()).isZero();
        assertErasedKeepingTheMoney(oldOrder.orderNumber(), old);
        assertThat(ledger.find(recentOrder.orderId()).orElseThrow().khaos().salesOrder()).contains(recent.email(), recent.line1());
        assertThat(exceptions.find("WEBHOOK_UNREADABLE#webhook-old-" + tag).orElseThrow().evidence()).isEqualTo("[erased]");

        Map<String, AttributeValue> item = cloud.dynamoDb().getItem(b -> b.tableName(env.get("ORDERS_TABLE"))
                .key(Map.of("orderId", AttributeValue.fromS(oldOrder.orderId())))).item();
        assertThat(Long.parseLong(item.get("expiresAt").n())).as("the skeleton expires after FinanceRetentionDays (2557)")
                .isEqualTo(oldOrder.createdAt().plus(Duration.ofDays(2557)).getEpochSecond());
    }

    @Test
    void anErasureRequest_byEmailOrByOrderNumber_erasesThatCustomerNow() throws IOException {
        String tag = unique();
        Customer asking = customer(tag);
        Customer other = customer(tag + "2");
        OrderLedgerEntry a = importedOrder("R" + tag, asking, Duration.ofDays(2));
        OrderLedgerEntry b = importedOrder("S" + tag, asking, Duration.ofDays(1));
        OrderLedgerEntry byNumber = importedOrder("T" + tag, other, Duration.ofDays(1));
        inbox.keep(new KhaosUpload("up-" + tag, KhaosUploadKind.ORDER_STATUS, Instant.now(),
                "{\"Statuses\":[{\"AssociatedRef\":\"" + a.orderNumber() + "\",\"Email\":\"" + asking.email() + "\"}]}"));

        JsonNode erased = invoke("{\"eraseCustomer\":\"" + asking.email().toUpperCase() + "\"}");
        JsonNode again = invoke("{\"eraseCustomer\":\"" + asking.email() + "\"}");

        assertThat(erased.path("run").asText()).isEqualTo("erasure");
        assertThat(erased.path("erased").path("ORDER").asInt()).isEqualTo(2);
        assertThat(erased.path("erased").path("KHAOS_UPLOAD").asInt()).isEqualTo(1);
        assertThat(again.path("erased").path("ORDER").asInt()).isZero();
        assertErasedKeepingTheMoney(a.orderNumber(), asking);
        assertErasedKeepingTheMoney(b.orderNumber(), asking);
        assertThat(inbox.latest(KhaosUploadKind.ORDER_STATUS, 50)).filteredOn(u -> u.id().equals("up-" + tag))
                .singleElement().satisfies(u -> assertThat(u.body()).isEqualTo("[erased]"));
        assertThat(ledger.find(byNumber.orderId()).orElseThrow().khaos().salesOrder()).contains(other.email());

        JsonNode one = invoke("{\"eraseOrder\":\"" + byNumber.orderNumber() + "\"}");

        assertThat(one.path("erased").path("ORDER").asInt()).isEqualTo(1);
        assertErasedKeepingTheMoney(byNumber.orderNumber(), other);
    }
}
