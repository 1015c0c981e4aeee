package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.dynamodb.DynamoOrderMappings;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosInbox;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.privacy.ErasureRequest;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditTrigger;
import com.shopkhaos.model.audit.CatalogueAudits;
import com.shopkhaos.model.reconciliation.NightlyReconciliation;
import com.shopkhaos.model.reconciliation.ReconciliationQuery;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A window into the sandbox for people and end-to-end tests, until the ops console exists: the
 * ledger, the exception ledger, the queue, the intake's counters and its fault switch.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxInspectionResource {

    @Inject
    OrderLedger ledger;

    @Inject
    ExceptionLedger exceptions;

    @Inject
    WebhookIntakeService intake;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    KhaosCatalogue catalogue;

    @Inject
    KhaosInbox inbox;

    @Inject
    SqsClient sqs;

    @Inject
    SandboxOrderSync orderSync;

    @Inject
    DynamoOrderMappings mappings;

    @Inject
    SandboxStockSync stockSync;

    @Inject
    StockPushService stockPush;

    @Inject
    SandboxDespatchSync despatchSync;

    @Inject
    ExceptionLedger exceptionLedger;

    @Inject
    SandboxMetrics metrics;

    @Inject
    ShipmentBook shipments;

    @Inject
    QueueSettings queues;

    @Inject
    TableNames tables;

    @GET
    @Path("health")
    public Response health() {
        ObjectNode health = InfraJson.mapper().createObjectNode();
        boolean up = true;
        try {
            dynamo.listTables(b -> b.limit(1));
            health.put("dynamodb", "UP");
        } catch (RuntimeException e) {
            up = false;
            health.put("dynamodb", "DOWN: " + e.getMessage());
        }
        try {
            sqs.getQueueAttributes(b -> b.queueUrl(queues.orderEvents()));
            health.put("sqs", "UP");
        } catch (RuntimeException e) {
            up = false;
            health.put("sqs", "DOWN: " + e.getMessage());
        }
        health.put("status", up ? "UP" : "DOWN");
        return Response.status(up ? 200 : 503).entity(health.toString()).build();
    }

    @GET
    @Path("sandbox")
    public String index() {
        ObjectNode index = InfraJson.mapper().createObjectNode();
        index.put("GET /sandbox/orders?state=RECEIVED", "order ledger entries in a state (newest first)");
        index.put("GET /sandbox/orders/{orderId}", "one order's ledger entry with its timeline");
        index.put("GET /sandbox/orders/by-state", "every order number in the ledger, by state");
        index.put("GET /sandbox/exceptions", "open exceptions, newest first");
        index.put("GET /sandbox/aws-calls", "every AWS call the functions made since the start, per caller (function and route), "
                + "service and operation, with DynamoDB capacity units; invocations per caller with their milliseconds");
        index.put("GET /sandbox/intake", "webhook outcomes and ignored events, counted");
        index.put("GET /sandbox/order-sync", "the order-sync consumer: handled, failed, kills, order-events depth");
        index.put("GET /sandbox/order-sync/processed?orderId=", "the messages order-sync handled (all, or one order's)");
        index.put("PUT /sandbox/order-sync", "{\"running\": false} pauses the consumer; {\"killNextBatchAfter\": n} kills it mid-batch");
        index.put("POST /sandbox/order-sync/sweep", "runs the sweep (and the Khaos confirmation check) now");
        index.put("POST /sandbox/reconciliation/run?date=YYYY-MM-DD", "reconciles that London business day now (the nightly "
                + "run does yesterday); the report is at GET /ops/api/reconciliation/{date}");
        index.put("POST /sandbox/audit/run?measure=true", "carry out a go-live audit run now, on the request's thread (as the "
                + "consultant's command does in AWS); answers its counts, how long it took and (measure) its memory; its findings "
                + "are then at GET /ops/api/audit/runs/latest");
        index.put("POST /sandbox/personal-data/sweep", "erase personal data older than PERSONAL_DATA_RETENTION_DAYS now (it also runs daily)");
        index.put("POST /sandbox/personal-data/erase", "{\"eraseCustomer\": \"<email>\"} or {\"eraseOrder\": \"<number>\"}: erase one customer's personal data now");
        index.put("GET /sandbox/mappings", "the overrides in force (SKU → stock code, delivery method → courier, buffers)");
        index.put("PUT /sandbox/mappings/{SKU|COURIER|BUFFER|SHIPPING_METHOD}/{key}", "{\"value\": \"...\"}: map a shop SKU to a Khaos code, a delivery method to a courier, set a stock code's buffer, or send a Khaos courier's parcels under a shop shipping method");
        index.put("GET /sandbox/stock", "the stock-push consumer and the last full reconcile");
        index.put("GET /sandbox/stock/pushes", "the stock-changes handled: codes, rows written, when");
        index.put("GET /sandbox/stock/{code}", "a stock code now: Khaos's available at the web sites, buffer, in flight, sellable");
        index.put("POST /sandbox/stock/reconcile", "compare every shop product with its sellable figure now, and repair");
        index.put("GET /sandbox/despatch", "the despatch-writeback consumer: handled, failed, queue depth");
        index.put("GET /sandbox/despatch/handled", "each despatches message handled: order, outcome, try, when Khaos reported it, when done");
        index.put("PUT /sandbox/despatch", "{\"running\": false} pauses the consumer");
        index.put("GET /sandbox/despatch/shipments/{orderId}", "the shipments Khaos reported for an order, as kept");
        index.put("GET /sandbox/metrics", "what the alarms watch: webhooks, Khaos stock pushes and order pulls (count, last), open exceptions");
        index.put("POST /sandbox/exceptions/generate", "{\"count\": 10000}: fill the ledger with open exceptions (for measuring the ops API)");
        index.put("GET /ops/api/exceptions?status=&type=&q=&olderThanHours=&newerThanHours=&page=&size=", "the exception list (ops key)");
        index.put("POST /ops/orders/{order number}/retry", "retry a held order (Authorization: Bearer <OPS_API_KEY>)");
        index.put("POST /sandbox/faults", "{\"orderEventsSendFailures\": n} makes the next n queue sends fail");
        index.put("GET /sandbox/khaos/catalogue?after=&limit=", "the Khaos catalogue as the channel keeps it");
        index.put("GET /sandbox/khaos/inbox?kind=STOCK_STATUS", "the latest raw pushes from Khaos (ORDER_STATUS, STOCK_STATUS, STOCK, PRICE_LIST)");
        index.put("GET /shopware-sim/_control", "the simulated shop's control API");
        index.put("GET /khaos-sim/_control", "the simulated Khaos Control Cloud's control API");
        index.put("POST /ksd-sim/KhaosIDS.exe/soap/IKosWeb", "the simulated Khaos Control on premises (its SOAP web service)");
        index.put("GET /ksd-sim/_control", "its control API");
        return index.toString();
    }

    @GET
    @Path("sandbox/orders")
    public Response orders(@QueryParam("state") @DefaultValue("RECEIVED") String state,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        OrderState wanted;
        try {
            wanted = OrderState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity("{\"error\":\"unknown state " + state.replace("\"", "") + "\"}").build();
        }
        return json(ledger.inState(wanted, Math.max(1, Math.min(limit, 500))));
    }

    /**
     * Every AWS call the sandbox's functions made since it started, per caller ("Function" or "Function route"),
     * service and operation, with the DynamoDB capacity units consumed; and each caller's invocations with their
     * milliseconds. Load runs take the difference across a run for the calls and cost per order.
     */
    @GET
    @Path("sandbox/aws-calls")
    public Response awsCalls() {
        AwsCallRecorder.Counts counts = AwsCallRecorder.counts();
        ObjectNode out = InfraJson.mapper().createObjectNode();
        ArrayNode calls = out.putArray("calls");
        counts.calls().forEach((key, tally) -> {
            String[] parts = key.split("\\|", 4);
            calls.addObject().put("caller", parts[0]).put("service", parts[1]).put("operation", parts[2])
                    .put("resource", parts[3]).put("calls", tally.count()).put("capacityUnits", tally.sum());
        });
        ArrayNode invocations = out.putArray("invocations");
        counts.invocations().forEach((caller, tally) -> invocations.addObject().put("caller", caller)
                .put("invocations", tally.count()).put("millis", tally.sum()));
        return json(out);
    }

    /** Every order number in the ledger by state (for load and fault runs that follow thousands of orders). */
    @GET
    @Path("sandbox/orders/by-state")
    public Response ordersByState() {
        Map<String, List<String>> byState = new TreeMap<>();
        for (OrderState state : OrderState.values()) {
            List<String> numbers = new ArrayList<>();
            dynamo.queryPaginator(b -> b.tableName(tables.orders()).indexName("by-state").keyConditionExpression("#s = :s")
                            .expressionAttributeNames(Map.of("#s", "state"))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(state.name())))
                            .projectionExpression("orderNumber"))
                    .items().forEach(i -> numbers.add(i.containsKey("orderNumber") ? i.get("orderNumber").s() : ""));
            if (!numbers.isEmpty()) {
                byState.put(state.name(), numbers);
            }
        }
        return json(byState);
    }

    @GET
    @Path("sandbox/orders/{orderId}")
    public Response order(@PathParam("orderId") String orderId) {
        return ledger.find(orderId).map(this::json)
                .orElse(Response.status(404).entity("{\"error\":\"no ledger entry for that order\"}").build());
    }

    @GET
    @Path("sandbox/exceptions")
    public Response openExceptions(@QueryParam("limit") @DefaultValue("50") int limit) {
        return json(exceptions.listOpen(Math.max(1, Math.min(limit, 10_000))).stream()
                .map(SandboxInspectionResource::asShown).toList());
    }

    /** A problem as this route always showed it: its subject as the text people see, not the core's typed value. */
    private static ObjectNode asShown(ExceptionRecord record) {
        ObjectNode shown = InfraJson.mapper().valueToTree(record);
        shown.remove("about");
        shown.put("subject", record.subject());
        return shown;
    }

    @GET
    @Path("sandbox/intake")
    public String intakeCounters() {
        ObjectNode counters = InfraJson.mapper().createObjectNode();
        counters.set("outcomes", InfraJson.mapper().valueToTree(intake.counters().outcomes()));
        counters.set("ignoredEvents", InfraJson.mapper().valueToTree(intake.counters().ignoredEvents()));
        return counters.toString();
    }

    @GET
    @Path("sandbox/khaos/catalogue")
    public Response khaosCatalogue(@QueryParam("after") @DefaultValue("") String after,
                                   @QueryParam("limit") @DefaultValue("100") int limit) {
        return json(catalogue.page(after, Math.max(1, Math.min(limit, 500))));
    }

    @GET
    @Path("sandbox/khaos/inbox")
    public Response khaosInbox(@QueryParam("kind") @DefaultValue("STOCK_STATUS") String kind,
                               @QueryParam("limit") @DefaultValue("20") int limit) {
        KhaosUploadKind wanted;
        try {
            wanted = KhaosUploadKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity("{\"error\":\"kind is one of " + java.util.Arrays.toString(KhaosUploadKind.values())
                    + "\"}").build();
        }
        return json(inbox.latest(wanted, Math.max(1, Math.min(limit, 200))));
    }

    @GET
    @Path("sandbox/order-sync")
    public Response orderSyncStatus() {
        return json(orderSyncWithDepth());
    }

    /**
     * The consumer's figures and its queue's depth: {@code queued} waiting, {@code inProgress} taken by a worker and not
     * yet deleted. Both 0 means every message sent so far was handled (or reached the DLQ): what a test waits on before
     * it says something did not happen.
     */
    private Map<String, Object> orderSyncWithDepth() {
        Map<String, Object> status = new LinkedHashMap<>(orderSync.status());
        try {
            Map<QueueAttributeName, String> depth = sqs.getQueueAttributes(b -> b.queueUrl(queues.orderEvents()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            status.put("queued", Integer.parseInt(depth.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
            status.put("inProgress", Integer.parseInt(depth.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
        } catch (RuntimeException e) {
            status.put("queueError", String.valueOf(e.getMessage()));
        }
        return status;
    }

    @GET
    @Path("sandbox/order-sync/processed")
    public Response orderSyncProcessed(@QueryParam("orderId") @DefaultValue("") String orderId) {
        return json(orderSync.processed(orderId));
    }

    @PUT
    @Path("sandbox/order-sync")
    public Response orderSyncControl(String body) throws IOException {
        JsonNode request = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        if (request.has("running")) {
            orderSync.running(request.path("running").asBoolean(true));
        }
        if (request.has("killNextBatchAfter")) {
            orderSync.killNextBatch(request.path("killNextBatchAfter").asInt());
        }
        return json(orderSyncWithDepth());
    }

    @POST
    @Path("sandbox/order-sync/sweep")
    public Response sweepNow() {
        return json(orderSync.runSweep());
    }

    @Inject
    NightlyReconciliation reconciliation;

    /**
     * The reconciliation Lambda's run, now: {@code ?date=YYYY-MM-DD} (a London business day), or yesterday without it.
     * Answers the day's summary; the report is then at {@code /ops/api/reconciliation/{date}}.
     */
    @POST
    @Path("sandbox/reconciliation/run")
    public Response reconcile(@QueryParam("date") @DefaultValue("") String date,
                              @QueryParam("measure") @DefaultValue("false") boolean measure) {
        RunMemory memory = measure ? RunMemory.start() : null;
        ReconciliationReport report = AwsCallRecorder.asFunction("ReconciliationFunction", () -> date.isBlank()
                ? reconciliation.nightly() : reconciliation.run(ReconciliationQuery.day(date)));
        // measured while the report is still in use below, so what it holds counts
        Map<String, Long> measured = memory == null ? null : memory.finish();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("day", report.day().toString());
        answer.put("lines", report.lines().size());
        answer.put("summary", report.summary());
        if (measured != null) {
            answer.put("memory", measured);
        }
        return json(answer);
    }

    @Inject
    CatalogueAudits audits;

    /**
     * An audit run carried out now, on this request's thread, as the reconciliation function carries one out for the
     * consultant's command ({@code {"audit":"now"}}): answers the run's id, status, what it read, its counts per severity
     * and, with {@code ?measure=true}, its memory (as the reconciliation run's, below) and how long it took.
     */
    @POST
    @Path("sandbox/audit/run")
    public Response audit(@QueryParam("measure") @DefaultValue("false") boolean measure) {
        RunMemory memory = measure ? RunMemory.start() : null;
        long started = System.nanoTime();
        AuditRun run = AwsCallRecorder.asFunction("ReconciliationFunction", () -> audits.runNow(AuditTrigger.CONSULTANT, "sandbox"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> measured = memory == null ? null : memory.finish();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", run.id());
        answer.put("status", run.status().name());
        answer.put("shopProducts", run.shopProducts());
        answer.put("khaosItems", run.khaosItems());
        answer.put("findings", run.findings().size());
        answer.put("countsBySeverity", run.countsBySeverity());
        answer.put("millis", millis);
        if (measured != null) {
            answer.put("memory", measured);
        }
        return json(answer);
    }

    /**
     * A run's memory, measured in this JVM ({@code ?measure=true}; it collects garbage twice, so never in the nightly path):
     * the heap's peak during the run (every pool's peak added up: an upper bound, and of the whole sandbox, both simulators
     * serving the shop's orders included), the live data the run still holds at its end (its report; heap used after a
     * collection, less before), and what the run's own thread allocated.
     */
    record RunMemory(long liveBefore, long allocatedBefore) {
        static RunMemory start() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .forEach(MemoryPoolMXBean::resetPeakUsage);
            return new RunMemory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), allocated());
        }

        Map<String, Long> finish() {
            long allocated = allocated() - allocatedBefore;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long liveAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            Map<String, Long> answer = new LinkedHashMap<>();
            answer.put("heapPeakMb", peak >> 20);
            answer.put("liveBeforeMb", liveBefore >> 20);
            answer.put("heldByTheRunMb", Math.max(0, liveAfter - liveBefore) >> 20);
            answer.put("allocatedByTheRunMb", allocated >> 20);
            return answer;
        }

        private static long allocated() {
            return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    ? t.getCurrentThreadAllocatedBytes() : 0;
        }
    }

    @Inject
    SandboxPersonalData personalData;

    /** The daily personal data retention, now: how many entries of each kind it erased. */
    @POST
    @Path("sandbox/personal-data/sweep")
    public Response personalDataSweep() {
        return json(Map.of("run", "retention", "erased", personalData.sweep().erased()));
    }

    /** One customer's erasure on request: {@code {"eraseCustomer":"<email>"}} and/or {@code {"eraseOrder":"<number>"}}. */
    @POST
    @Path("sandbox/personal-data/erase")
    public Response personalDataErase(String body) throws IOException {
        JsonNode request = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        ErasureRequest erasure;
        try {
            erasure = ErasureRequest.of(request.path("eraseCustomer").asText(""),
                    request.path("eraseOrder").asText(""));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(InfraJson.mapper().createObjectNode().put("error", e.getMessage()).toString()).build();
        }
        return json(Map.of("run", "erasure", "erased", personalData.erase(erasure).erased()));
    }

    /** The overrides in force: SKU → stock code, delivery method → courier, buffer per stock code. */
    @GET
    @Path("sandbox/mappings")
    public Response mappings() {
        return json(mappings.current());
    }

    @PUT
    @Path("sandbox/mappings/{kind}/{key}")
    public Response map(@PathParam("kind") String kind, @PathParam("key") String key, String body) throws IOException {
        String upper = kind.toUpperCase(Locale.ROOT);
        if (!Set.of(DynamoOrderMappings.SKU, DynamoOrderMappings.COURIER, DynamoOrderMappings.BUFFER,
                DynamoOrderMappings.SHIPPING_METHOD, DynamoOrderMappings.PROMOTION, DynamoOrderMappings.RETURN_REASON).contains(upper)) {
            return Response.status(400).entity("{\"error\":\"kind is SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION or RETURN_REASON\"}").build();
        }
        String value = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body).path("value").asText("").strip();
        if (value.isEmpty() || key.isBlank()) {
            return Response.status(400).entity("{\"error\":\"send {\\\"value\\\": \\\"...\\\"}\"}").build();
        }
        mappings.put(upper, key, value);
        return json(Map.of("kind", upper, "key", key, "value", value));
    }

    @GET
    @Path("sandbox/stock")
    public Response stockStatus() {
        return json(stockSync.status());
    }

    @GET
    @Path("sandbox/stock/pushes")
    public Response stockPushes() {
        return json(stockSync.pushed());
    }

    /** A stock code's position now: Khaos's available at the web sites, the buffer, in-flight orders, sellable. */
    @GET
    @Path("sandbox/stock/{code}")
    public Response stockPosition(@PathParam("code") String code) {
        return json(stockPush.position(code, mappings.current(), Instant.now()));
    }

    @POST
    @Path("sandbox/stock/reconcile")
    public Response reconcileNow() {
        try {
            return json(stockSync.runReconcile());
        } catch (RuntimeException e) {
            return Response.status(503).type("application/json").entity(InfraJson.mapper().createObjectNode()
                    .put("error", "the reconcile stopped: " + e.getMessage() + " (the next one repairs what this one did not)")
                    .toString()).build();
        }
    }

    @PUT
    @Path("sandbox/stock")
    public Response stockControl(String body) throws IOException {
        JsonNode request = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        if (request.has("running")) {
            stockSync.running(request.path("running").asBoolean(true));
        }
        return json(stockSync.status());
    }

    @GET
    @Path("sandbox/despatch")
    public Response despatchStatus() {
        return json(despatchSync.status());
    }

    @GET
    @Path("sandbox/despatch/handled")
    public Response despatchHandled() {
        return json(despatchSync.handled());
    }

    @PUT
    @Path("sandbox/despatch")
    public Response despatchControl(String body) throws IOException {
        JsonNode request = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        if (request.has("running")) {
            despatchSync.running(request.path("running").asBoolean(true));
        }
        return json(despatchSync.status());
    }

    @GET
    @Path("sandbox/despatch/shipments/{orderId}")
    public Response keptShipments(@PathParam("orderId") String orderId) {
        return json(shipments.forOrder(orderId));
    }

    /** Measurement only: fills the ledger with {@code count} open STOCK_PUSH_REFUSED exceptions for GEN-0000001 … */
    @POST
    @Path("sandbox/exceptions/generate")
    public Response generateExceptions(String body) throws Exception {
        int count = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body).path("count").asInt(0);
        if (count < 1 || count > 100_000) {
            return Response.status(400).entity("{\"error\":\"count is 1 to 100000\"}").build();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 1; i <= count; i++) {
                String sku = String.format("GEN-%07d", i);
                Instant at = now.minusSeconds(i);
                done.add(pool.submit(() -> exceptionLedger.raise(ExceptionRecord.openForStock(
                        ExceptionType.STOCK_PUSH_REFUSED, "", sku,
                        "generated for a measurement: the shop refused stock for " + sku, "", at))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return json(Map.of("generated", count));
    }

    @GET
    @Path("sandbox/metrics")
    public Response metricsNow() {
        return json(metrics.snapshot());
    }

    @POST
    @Path("sandbox/faults")
    public String faults(String body) throws IOException {
        JsonNode request = InfraJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        if (request.has("orderEventsSendFailures")) {
            SqsFaultInjector.failNextSends(request.path("orderEventsSendFailures").asInt());
        }
        return InfraJson.mapper().createObjectNode().put("orderEventsSendFailures", SqsFaultInjector.failuresLeft()).toString();
    }

    private Response json(Object value) {
        try {
            return Response.ok(InfraJson.mapper().writeValueAsString(value instanceof List<?> list ? new ArrayList<>(list) : value))
                    .build();
        } catch (IOException e) {
            return Response.serverError().build();
        }
    }
}
