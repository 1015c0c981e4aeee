package com.shopkhaos.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.deployment.LambdaEvents.SqsRecord;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoKhaosStockLevels;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.infra.dynamodb.DynamoAuditRuns;
import com.shopkhaos.infra.dynamodb.DynamoReconciliationReports;
import com.shopkhaos.infra.dynamodb.DynamoStockVersions;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.khaos.StockLevel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every function {@code template.yaml} deploys, started from the zip the build made, as Lambda's Java runtime starts
 * it: its own JVM with only the unpacked zip on the class path, the class the (SAM-merged) {@code Handler} names, the
 * function's template environment resolved to the local emulators, and real events of its trigger. Each test asserts
 * what the function did (the ledger, the queues, the exception ledger, its answer), not only that it answered.
 * The schedules run first, while no shop is registered in this cloud.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class PackagedFunctionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COVERED = Set.of("OrderIntakeFunction", "KhaosChannelFunction", "OrderSyncFunction",
            "OrderSweepFunction", "StockPushFunction", "StockReconcileFunction", "DespatchWritebackFunction", "OpsApiFunction",
            "PersonalDataFunction", "ReconciliationFunction");

    private static SamTemplate template;
    private static LocalCloud cloud;

    @BeforeAll
    static void translate() {
        template = SamTemplate.of(RepoRoot.get().resolve("template.yaml"));
        cloud = SharedLocalCloud.get();
    }

    private static PackagedFunction function(String id) {
        SamTemplate.Function f = template.functions().get(id);
        assertThat(f).as("template.yaml deploys " + id).isNotNull();
        return new PackagedFunction(f, cloud);
    }

    private static Map<String, String> env(String id) {
        return function(id).environment();
    }

    /** Starts the function, hands it the events, and insists it started and answered every one. */
    private static List<JsonNode> run(String id, String... events) throws Exception {
        PackagedFunction.Run run = function(id).invoke(List.of(events));
        assertThat(run.exitCode()).as(id + " started from its zip with Handler " + template.functions().get(id).handler()
                + "; its log:\n" + run.log()).isZero();
        List<JsonNode> answers = new ArrayList<>();
        for (PackagedFunction.Invocation i : run.invocations()) {
            assertThat(i.error()).as(id + " threw; its log:\n" + run.log()).isNull();
            answers.add(JSON.readTree(i.response()));
        }
        return answers;
    }

    private static String http(String id, String method, String pathAndQuery, Map<String, String> headers, String body,
                               Map<String, String> claims) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String routeKey = Triggers.route(template, id, method, path);
        Map<String, String> pathParameters = new LinkedHashMap<>();
        String[] t = routeKey.split(" ", 2)[1].split("/");
        String[] p = path.split("/");
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                String name = t[i].substring(1, t[i].length() - 1).replace("+", "");
                pathParameters.put(name, t[i].endsWith("+}") ? String.join("/", Arrays.copyOfRange(p, i, p.length)) : p[i]);
            }
        }
        Map<String, String> passed = Triggers.routeNeedsSignIn(template, routeKey) ? claims : null;
        return LambdaEvents.httpApi(routeKey, method, path, query, headers, body, pathParameters, passed);
    }

    @Test
    @Order(0)
    void everyFunctionOfTheTemplate_isStartedFromItsZipHere() {
        assertThat(template.functions().keySet()).as("a new function needs its packaged test here").isSubsetOf(COVERED);
        assertThat(template.functions().keySet()).containsAll(COVERED);
    }

    @Test
    @Order(1)
    void orderSweep_onItsSchedule_reportsAnOrderKhaosNeverConfirmed() throws Exception {
        Map<String, String> env = env("OrderSweepFunction");
        String number = "PK" + (System.nanoTime() % 1_000_000);
        Instant longAgo = Instant.now().minus(Duration.ofHours(6));
        new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE")).create(OrderLedgerEntry.received("shopPackaged",
                        UUID.randomUUID().toString().replace("-", ""), number, "e-" + number, "checkout.order.placed", longAgo)
                .moveTo(OrderState.READY, longAgo, "checked")
                .moveTo(OrderState.DOWNLOADED, KhaosHandover.NONE.downloaded(longAgo), longAgo, "served"));

        JsonNode report = run("OrderSweepFunction", Triggers.scheduledInput(template, "OrderSweepFunction")).get(0);

        assertThat(report.path("notConfirmedByKhaos")).extracting(JsonNode::asText).contains(number);
        assertThat(report.path("openExceptions").isNumber()).as("the sweep reports the open exceptions: " + report).isTrue();
        assertThat(new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"))
                .find(ExceptionRecord.idFor(ExceptionType.NOT_CONFIRMED_BY_KHAOS, number))).get()
                .extracting(ExceptionRecord::status).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    @Order(2)
    void stockReconcile_onItsSchedule_answersWithAReportPerShop() throws Exception {
        JsonNode report = run("StockReconcileFunction", Triggers.scheduledInput(template, "StockReconcileFunction")).get(0);
        assertThat(report.isArray()).as("one report per registered shop (none yet): " + report).isTrue();
    }

    @Test
    @Order(2)
    void personalData_onItsSchedule_sweepsWithTheTemplatesRetention_andTakesAnErasureRequest() throws Exception {
        List<JsonNode> answers = run("PersonalDataFunction", Triggers.scheduledInput(template, "PersonalDataFunction"),
                "{\"eraseOrder\":\"NO-SUCH-ORDER-" + System.nanoTime() + "\"}");

        assertThat(answers.get(0).path("run").asText()).isEqualTo("retention");
        assertThat(answers.get(0).path("retentionDays").asLong()).as("PersonalDataRetentionDays as the template passes it")
                .isEqualTo(Long.parseLong(String.valueOf(cloud.resolve(Map.of("Ref", "PersonalDataRetentionDays")))));
        assertThat(answers.get(1).path("run").asText()).isEqualTo("erasure");
        assertThat(answers.get(1).path("erased").toString()).as("nothing of an unknown order").doesNotContain(":1");
    }

    @Test
    @Order(2)
    void theAudit_onItsWeeklySchedule_andAsTheConsultantsCommandAsksIt_runsInTheReconciliationFunction_andKeepsItsRun()
            throws Exception {
        List<JsonNode> answers = run("ReconciliationFunction", Triggers.scheduledInput(template, "ReconciliationFunction",
                "AuditRunSchedule"), "{\"audit\":\"now\",\"by\":\"consultant jo\"}");
        JsonNode answer = answers.get(0);

        assertThat(answer.path("audit").asText()).startsWith("audit-");
        // no shop has installed the app in this cloud: the run says so, and the function does not fail for its alarm
        assertThat(answer.path("status").asText()).isEqualTo("FAILED");
        DynamoAuditRuns runs = new DynamoAuditRuns(cloud.dynamoDb(), env("ReconciliationFunction").get("AUDIT_TABLE"));
        assertThat(runs.find(answer.path("audit").asText())).hasValueSatisfying(r -> {
            assertThat(r.trigger().name()).isEqualTo("SCHEDULE");
            assertThat(r.failure()).contains("no shop has installed the app");
        });
        // tools/go-live-audit.mjs --stack invokes the function with this input (README, "The go-live audit")
        JsonNode consultants = answers.get(1);
        assertThat(consultants.path("audit").asText()).startsWith("audit-").isNotEqualTo(answer.path("audit").asText());
        assertThat(runs.find(consultants.path("audit").asText())).hasValueSatisfying(r -> {
            assertThat(r.trigger().name()).isEqualTo("CONSULTANT");
            assertThat(r.requestedBy()).isEqualTo("consultant jo");
            assertThat(r.failure()).contains("no shop has installed the app");
        });
    }

    @Test
    @Order(2)
    void reconciliation_onItsSchedule_reconcilesYesterdayInLondon_andAGivenDayOnRequest_keepingEachReport() throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1);
        List<JsonNode> answers = run("ReconciliationFunction", Triggers.scheduledInput(template, "ReconciliationFunction",
                "ReconciliationFunctionSchedule"), "{\"date\":\"2026-03-29\"}");

        assertThat(answers.get(0).path("day").asText()).as("the schedule's run: yesterday, London's day").isEqualTo(yesterday.toString());
        assertThat(answers.get(1).path("day").asText()).isEqualTo("2026-03-29");
        assertThat(answers.get(1).path("currency").asText()).isEqualTo(String.valueOf(cloud.resolve(Map.of("Ref", "KhaosCurrency"))));
        DynamoReconciliationReports reports = new DynamoReconciliationReports(cloud.dynamoDb(),
                env("ReconciliationFunction").get("RECONCILIATION_TABLE"));
        assertThat(reports.find(LocalDate.parse("2026-03-29"))).as("the report is kept").isPresent();
        assertThat(reports.find(yesterday)).isPresent();
    }

    @Test
    @Order(3)
    void orderSync_fromItsQueue_reportsOnlyTheRecordThatFailed_andFinishesTheOther() throws Exception {
        Map<String, String> env = env("OrderSyncFunction");
        DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
        String handedOver = UUID.randomUUID().toString().replace("-", "");
        String number = "PS" + (System.nanoTime() % 1_000_000);
        Instant at = Instant.now();
        ledger.create(OrderLedgerEntry.received("shopNotRegistered9", handedOver, number, "e-" + number, "checkout.order.placed", at)
                .moveTo(OrderState.READY, at, "checked").moveTo(OrderState.DOWNLOADED, KhaosHandover.NONE.downloaded(at), at, "served"));
        SqsRecord unreachable = new SqsRecord(UUID.randomUUID().toString(), "{\"schemaVersion\":1,\"eventId\":\"e1\",\"shopId\":"
                + "\"shopNotRegistered9\",\"type\":\"ORDER_PLACED\",\"orderId\":\"" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"orderNumber\":\"PX1\",\"occurredAt\":\"2026-11-27T10:00:00Z\"}", 1);
        SqsRecord paid = new SqsRecord(UUID.randomUUID().toString(), "{\"schemaVersion\":1,\"eventId\":\"e2\",\"shopId\":"
                + "\"shopNotRegistered9\",\"type\":\"PAYMENT_PAID\",\"orderId\":\"" + handedOver + "\",\"orderNumber\":\"" + number
                + "\",\"occurredAt\":\"2026-11-27T10:00:01Z\"}", 2);

        JsonNode answer = run("OrderSyncFunction", LambdaEvents.sqs(Triggers.queueArn(template, cloud, "OrderSyncFunction"),
                List.of(unreachable, paid))).get(0);

        assertThat(answer.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .as("the shop is not registered: only that record goes back to the queue").containsExactly(unreachable.messageId());
        assertThat(ledger.find(handedOver)).get().extracting(OrderLedgerEntry::state, OrderLedgerEntry::version)
                .as("a payment for an order Khaos already has changes nothing").containsExactly(OrderState.DOWNLOADED, 3L);
    }

    @Test
    @Order(4)
    void stockPush_fromItsQueue_putsANegativeKhaosFigureInFrontOfAPerson() throws Exception {
        Map<String, String> env = env("StockPushFunction");
        String code = "PKNEG-" + System.nanoTime();
        new DynamoKhaosStockLevels(cloud.dynamoDb(), env.get("STOCK_TABLE"),
                new DynamoStockVersions(cloud.dynamoDb(), env.get("IN_FLIGHT_TABLE")))
                .record(List.of(new StockLevel(code, "77", 1, new BigDecimal("-3"), Instant.now())));
        SqsRecord change = SqsRecord.of("{\"schemaVersion\":1,\"stockCodes\":[\"" + code + "\"],\"reason\":\"Khaos stock push\","
                + "\"at\":\"2026-11-27T12:00:00Z\"}");
        SqsRecord newer = SqsRecord.of("{\"schemaVersion\":99,\"stockCodes\":[\"" + code + "\"],\"reason\":\"newer\",\"at\":\"2026-11-27T12:00:01Z\"}");

        JsonNode answer = run("StockPushFunction", LambdaEvents.sqs(Triggers.queueArn(template, cloud, "StockPushFunction"),
                List.of(change, newer))).get(0);

        assertThat(answer.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .as("a message from a newer version goes back to the queue").containsExactly(newer.messageId());
        assertThat(new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"))
                .find(ExceptionRecord.idFor(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, code))).get()
                .satisfies(e -> assertThat(e.reason()).contains("-3"));
    }

    @Test
    @Order(5)
    void despatchWriteback_fromItsQueue_putsWorkForAnUnknownOrderInFrontOfAPerson() throws Exception {
        Map<String, String> env = env("DespatchWritebackFunction");
        String number = "PD-ORPHAN-" + (System.nanoTime() % 1_000_000);
        String fixture = Files.readString(RepoRoot.get().resolve(
                "functions/despatch-writeback/src/test/resources/events/sqs-despatches.json"));
        JsonNode first = JSON.readTree(fixture).path("Records").get(0);
        String recorded = first.path("body").asText().replace("ORDER_ID", String.format("%032x", System.nanoTime()))
                .replace("ORDER_NUMBER", number).replace("SHOP_ID", "shopNotRegistered9").replace("LINE_ID", "line-1");
        SqsRecord work = SqsRecord.of(recorded);

        JsonNode answer = run("DespatchWritebackFunction", LambdaEvents.sqs(Triggers.queueArn(template, cloud,
                "DespatchWritebackFunction"), List.of(work))).get(0);

        assertThat(answer.path("batchItemFailures")).as("a person is told; the message is done").isEmpty();
        assertThat(new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"))
                .find(ExceptionRecord.idFor(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, number))).isPresent();
    }

    @Test
    @Order(6)
    void khaosChannel_overItsRoutes_servesItsConfigAndKeepsAStockPush() throws Exception {
        Map<String, String> env = env("KhaosChannelFunction");
        JsonNode secret = JSON.readTree(cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("KHAOS_CHANNEL_SECRET_ARN")))
                .secretString());
        String basic = "Basic " + Base64.getEncoder().encodeToString((secret.path("user").asText() + ":"
                + secret.path("password").asText()).getBytes(StandardCharsets.UTF_8));
        String code = "PKST-" + System.nanoTime();
        String upload = "{\"Statuses\":[{\"StockCode\":\"" + code + "\",\"StockID\":\"9" + (System.nanoTime() % 100000)
                + "\",\"SiteID\":1,\"Levels\":{\"Available\":12.0,\"OnOrder\":0.0}}]}";

        List<JsonNode> answers = run("KhaosChannelFunction",
                http("KhaosChannelFunction", "GET", "/khaos/config.json", Map.of("authorization", basic), null, null),
                http("KhaosChannelFunction", "GET", "/khaos/config.json", Map.of("authorization", "Basic a2hhb3M6Z3Vlc3M="), null, null),
                http("KhaosChannelFunction", "POST", "/khaos/stock-status", Map.of("authorization", basic,
                        "content-type", "application/json"), upload, null));

        assertThat(answers.get(0).path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(answers.get(0).path("body").asText()).path("EndpointConfig").path("StockStatusUpload")
                .path("URL").asText()).as("API Gateway serves https only: the URLs Khaos is told must be https")
                .isEqualTo("https://abc123.execute-api.eu-west-2.amazonaws.com/khaos/stock-status");
        assertThat(answers.get(1).path("statusCode").asInt()).as("a wrong password").isEqualTo(401);
        assertThat(answers.get(2).path("statusCode").asInt()).isEqualTo(200);
        assertThat(messages(env.get("STOCK_CHANGES_QUEUE_URL"))).as("the stock push queues its code")
                .anyMatch(m -> m.body().contains(code));
    }

    @Test
    @Order(7)
    void opsApi_overItsRoutes_answersHealthAndResolvesAProblemForASignedInPerson() throws Exception {
        Map<String, String> env = env("OpsApiFunction");
        DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"));
        String code = "PKOPS-" + System.nanoTime();
        new DynamoKhaosStockLevels(cloud.dynamoDb(), env("StockPushFunction").get("STOCK_TABLE"),
                new DynamoStockVersions(cloud.dynamoDb(), env("StockPushFunction").get("IN_FLIGHT_TABLE")))
                .record(List.of(new StockLevel(code, "78", 1, new BigDecimal("-1"), Instant.now())));
        run("StockPushFunction", LambdaEvents.sqs(Triggers.queueArn(template, cloud, "StockPushFunction"),
                List.of(SqsRecord.of("{\"schemaVersion\":1,\"stockCodes\":[\"" + code + "\"],\"reason\":\"push\",\"at\":\"2026-11-27T12:00:00Z\"}"))));
        String id = ExceptionRecord.idFor(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, code);
        assertThat(exceptions.find(id)).isPresent();
        Map<String, String> claims = Map.of("sub", "u-1", "email", "ops.lead@retailer.example", "token_use", "id");
        Map<String, String> signedIn = Map.of("authorization", LambdaEvents.bearer(claims), "content-type", "application/json");

        List<JsonNode> answers = run("OpsApiFunction",
                http("OpsApiFunction", "GET", "/ops/health", Map.of(), null, null),
                http("OpsApiFunction", "GET", "/ops/api/exceptions/" + id, signedIn, null, claims),
                http("OpsApiFunction", "POST", "/ops/api/exceptions/" + id + "/resolve", signedIn,
                        "{\"note\":\"counted again in the warehouse\"}", claims),
                http("OpsApiFunction", "GET", "/ops/api/health", signedIn, null, claims));

        assertThat(answers.get(0).path("statusCode").asInt()).isEqualTo(200);
        assertThat(answers.get(1).path("statusCode").asInt()).as(answers.get(1).toString()).isEqualTo(200);
        assertThat(JSON.readTree(answers.get(1).path("body").asText()).toString()).contains(code);
        assertThat(answers.get(2).path("statusCode").asInt()).as(answers.get(2).toString()).isBetween(200, 204);
        assertThat(exceptions.find(id)).get().extracting(ExceptionRecord::status).isEqualTo(ExceptionStatus.RESOLVED);
        JsonNode figures = JSON.readTree(answers.get(3).path("body").asText());
        assertThat(answers.get(3).path("statusCode").asInt()).as(answers.get(3).toString()).isEqualTo(200);
        assertThat(figures.has("Last webhook from the shop")).as("arrivals read from the checkpoints: " + figures).isTrue();
        assertThat(figures.has("Queue sandbox-order-events-dlq")).as("every queue's depth: " + figures).isTrue();
        assertThat(figures.toString()).as("the role reads every figure it shows").doesNotContain("could not be read");
    }

    @Test
    @Order(8)
    void orderIntake_overItsRoutes_registersAShop_andRecordsAndQueuesItsWebhook() throws Exception {
        Map<String, String> env = env("OrderIntakeFunction");
        String shopId = "pk" + Long.toString(System.nanoTime(), 36);
        String query = "shop-id=" + shopId + "&shop-url=http://shop.test&timestamp=1795773492";
        String registration = http("OrderIntakeFunction", "GET", "/shopware/app/register?" + query,
                Map.of("shopware-app-signature", HmacSignature.sign(SharedLocalCloud.APP_SECRET, query)), null, null);

        JsonNode registered = run("OrderIntakeFunction", registration).get(0);
        assertThat(registered.path("statusCode").asInt()).as(registered.toString()).isEqualTo(200);
        JsonNode proof = JSON.readTree(registered.path("body").asText());
        assertThat(proof.path("confirmation_url").asText()).as("the shop confirms over https, where API Gateway listens")
                .isEqualTo("https://abc123.execute-api.eu-west-2.amazonaws.com/shopware/app/confirm");
        String shopSecret = proof.path("secret").asText();
        String confirmation = "{\"apiKey\":\"SWIAK\",\"secretKey\":\"sk\",\"timestamp\":\"1795773493\",\"shopUrl\":\"http:\\/\\/shop.test\","
                + "\"shopId\":\"" + shopId + "\"}";
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String orderId = UUID.randomUUID().toString().replace("-", "");
        String webhook = "{\"data\":{\"payload\":{\"order\":{\"orderNumber\":\"30001\",\"id\":\"" + orderId + "\"}},"
                + "\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/shop.test\",\"eventId\":\"" + eventId
                + "\",\"shopId\":\"" + shopId + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";

        List<JsonNode> answers = run("OrderIntakeFunction",
                http("OrderIntakeFunction", "POST", "/shopware/app/confirm", Map.of("shopware-shop-signature",
                        HmacSignature.sign(shopSecret, confirmation), "content-type", "application/json"), confirmation, null),
                http("OrderIntakeFunction", "POST", "/webhooks/shopware", Map.of("shopware-shop-signature",
                        HmacSignature.sign(shopSecret, webhook), "content-type", "application/json"), webhook, null));

        assertThat(answers.get(0).path("statusCode").asInt()).isEqualTo(204);
        assertThat(answers.get(1).path("statusCode").asInt()).as(answers.get(1).toString()).isEqualTo(200);
        Map<String, AttributeValue> item = cloud.dynamoDb().getItem(b -> b.tableName(env.get("ORDERS_TABLE"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        assertThat(item.get("state").s()).isEqualTo("RECEIVED");
        assertThat(messages(env.get("ORDER_EVENTS_QUEUE_URL"))).filteredOn(m -> m.body().contains(eventId)).hasSize(1);
    }

    private static List<Message> messages(String queueUrl) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Message> batch = cloud.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            all.addAll(batch);
            if (batch.isEmpty()) {
                break;
            }
        }
        return all.stream().collect(Collectors.toList());
    }

    static Path repo() {
        return RepoRoot.get();
    }
}
