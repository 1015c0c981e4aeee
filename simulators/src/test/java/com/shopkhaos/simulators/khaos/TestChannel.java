package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimHttpServer;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * A channel written from the KCC spec for testing the simulator: serves an EndpointConfig and the
 * orders a test queues, records every request KCC makes, and answers pushes as the test says.
 */
public final class TestChannel implements AutoCloseable {
    static final ChannelLogin CREDENTIALS = new ChannelLogin("khaos", "control");
    /** What KCC must send for {@link #CREDENTIALS}, worked out by hand: base64 of {@code khaos:control}. */
    static final String EXPECTED_AUTHORIZATION = "Basic a2hhb3M6Y29udHJvbA==";

    /** One call KCC made. */
    public record Call(String method, String path, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return SimJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body);
            }
        }
    }

    private final SimHttpServer server;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    public final ConcurrentLinkedQueue<JsonNode> nextOrders = new ConcurrentLinkedQueue<>();
    /** Customer returns served on the next CReturnDownload. */
    public final ConcurrentLinkedQueue<JsonNode> nextReturns = new ConcurrentLinkedQueue<>();
    /** Returns served when KCC asks for SpecificIDs, by AssociatedRef. */
    final Map<String, JsonNode> retryableReturns = new ConcurrentHashMap<>();
    volatile String returnsContinuationToGive = "returns-1";
    /** The whole return download's body, when a test wants to send something the spec forbids. */
    volatile String rawReturnDownload;
    volatile String configBody;
    volatile String configType = "application/json";
    volatile int configStatus = 200;
    volatile int apiVersion = 1000;
    volatile JsonNode importConfig;
    volatile String continuationToGive = "page-1";
    volatile IntSupplier pushStatus = () -> 200;
    /** How a push to a path is answered (the status; it may take its time); by default {@link #pushStatus}. */
    volatile ToIntFunction<Call> pushAnswer = call -> pushStatus.getAsInt();
    /** Each push answered, in the order the answers went: its path and body. */
    final List<Call> answered = Collections.synchronizedList(new ArrayList<>());
    /** Orders served when KCC asks for SpecificIDs, by AssociatedRef. */
    final Map<String, JsonNode> retryable = new ConcurrentHashMap<>();

    TestChannel() {
        server = SimHttpServer.start("test-channel", this::serve);
        configBody = "{\"EndpointConfig\":{"
                + "\"OrderDownload\":{\"URL\":\"" + url("/orders") + "\",\"Format\":\"JSON\",\"Frequency\":15},"
                + "\"OrderStatusUpload\":{\"URL\":\"" + url("/order-status") + "\",\"Format\":\"JSON\"},"
                + "\"StockStatusUpload\":{\"URL\":\"" + url("/stock-status") + "\",\"Format\":\"JSON\"},"
                + "\"StockUpload\":{\"URL\":\"" + url("/stock") + "\",\"Format\":\"JSON\"},"
                + "\"CReturnDownload\":{\"URL\":\"" + url("/returns") + "\",\"Format\":\"JSON\",\"Frequency\":15}}}";
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    private SimResponse serve(SimRequest request) {
        calls.add(new Call(request.method(), request.path(), request.headers(), request.bodyText()));
        if (!request.header("Authorization").filter(EXPECTED_AUTHORIZATION::equals).isPresent()) {
            return SimResponse.json(401, "{\"error\":\"Basic auth failed\"}");
        }
        switch (request.path()) {
            case "/config.json" -> {
                SimResponse r = SimResponse.json(configStatus, configBody);
                return r.withHeader("Content-Type", configType);
            }
            case "/orders" -> {
                ObjectNode download = SimJson.object();
                ArrayNode orders = download.putArray("Orders");
                Optional<String> specific = request.header("SpecificIDs");
                if (specific.isPresent()) {
                    for (String ref : specific.get().replace("\"", "").split(",")) {
                        Optional.ofNullable(retryable.get(ref.trim())).ifPresent(orders::add);
                    }
                } else {
                    JsonNode next;
                    while ((next = nextOrders.poll()) != null) {
                        orders.add(next);
                    }
                }
                download.put("ApiVersion", apiVersion);
                if (importConfig != null) {
                    download.set("Config", importConfig);
                }
                SimResponse r = SimResponse.json(200, SimJson.write(download));
                return continuationToGive == null ? r : r.withHeader("Sirion-Continuation", continuationToGive);
            }
            case "/returns" -> {
                if (rawReturnDownload != null) {
                    return SimResponse.json(200, rawReturnDownload).withHeader("Sirion-Continuation", returnsContinuationToGive);
                }
                ObjectNode download = SimJson.object();
                ArrayNode returns = download.putArray("Returns");
                Optional<String> specific = request.header("SpecificIDs");
                if (specific.isPresent()) {
                    for (String ref : specific.get().replace("\"", "").split(",")) {
                        Optional.ofNullable(retryableReturns.get(ref.trim())).ifPresent(returns::add);
                    }
                } else {
                    JsonNode next;
                    while ((next = nextReturns.poll()) != null) {
                        returns.add(next);
                    }
                }
                download.put("ApiVersion", apiVersion);
                ObjectNode config = download.putObject("Config");
                config.putArray("MatchAddressOn").add("Address1").add("Postcode");
                config.putArray("MatchContactOn").add("Surname");
                return SimResponse.json(200, SimJson.write(download)).withHeader("Sirion-Continuation", returnsContinuationToGive);
            }
            default -> {
                Call call = new Call(request.method(), request.path(), request.headers(), request.bodyText());
                int status = pushAnswer.applyAsInt(call);
                if (status == 200) {
                    answered.add(call);
                }
                return SimResponse.json(status, "");
            }
        }
    }

    public List<Call> calls(String path) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.path().equals(path)).toList();
        }
    }

    /** Every entry of every push to a path, flattened ({@code Statuses} or {@code Items}). */
    List<JsonNode> pushedEntries(String path, String listField) {
        List<JsonNode> entries = new ArrayList<>();
        calls(path).forEach(c -> c.json().path(listField).forEach(entries::add));
        return entries;
    }

    @Override
    public void close() {
        server.close();
    }

    /** A customer return as the spec's table describes it: one item back from an order, by the order's AssociatedRef. */
    static ObjectNode customerReturn(String ref, String urn, String sku, double quantity, String orderRef) {
        ObjectNode ret = SimJson.object().put("AssociatedRef", ref).put("CreatedDate", "2026-12-01T09:30:00").put("URN", urn);
        ObjectNode address = ret.putObject("InvoiceAddress").put("Line1", "14 Acacia Avenue").put("Town", "Leeds")
                .put("Postcode", "LS1 4AP");
        address.putObject("Country").put("Code", "GB");
        ret.putObject("InvoiceContact").put("Forename", "Jane").put("Surname", "Smith").put("Email", "jane@example.co.uk");
        ObjectNode item = ret.putArray("ReturnedItems").addObject().put("SKU", sku).put("Quantity", quantity);
        item.putArray("Mapping").addObject().put("Mapping", "StockCode");
        item.putObject("ReturnReason").put("ID", "5");
        item.putArray("ExtendedDescription");
        if (orderRef != null) {
            item.putObject("SourceReference").putObject("SourceOrder").put("AssociatedRef", orderRef);
        }
        item.putObject("UnitPrice").put("Gross", 25.0);
        ret.put("ProcessReturn", true);
        return ret;
    }

    /** A sales order as our channel will send it: valid by the spec, for the seeded catalogue. */
    static ObjectNode order(String ref, String sku, double quantity) {
        ObjectNode order = SimJson.object();
        ObjectNode customer = order.putObject("Customer").put("CreateNew", "IfNoMatch");
        customer.putObject("CompanyClass").put("Name", "Web Customer");
        customer.putObject("Currency").put("Code", "GBP");
        ObjectNode address = order.putObject("InvoiceAddress").put("Line1", "14 Acacia Avenue").put("Town", "Leeds")
                .put("Postcode", "LS1 4AP");
        address.putObject("Country").put("Code", "GB");
        order.putObject("InvoiceContact").put("Forename", "Jane").put("Surname", "Smith").put("Email", "jane@example.co.uk");
        ObjectNode header = order.putObject("Header").put("AssociatedRef", ref).put("OrderDate", "2026-11-27T10:15:00");
        header.putObject("Site").put("ID", "1");
        header.putObject("SalesSource").put("Name", "WEB");
        header.putObject("Courier").put("Code", "RM48");
        header.putArray("DiscountCodes");
        header.putObject("DeliveryCharge").put("Gross", 3.99);
        header.put("CalcMethod", 2);
        ObjectNode item = order.putArray("Items").addObject().put("SKU", sku).put("Mapping", "StockCode").put("Quantity", quantity);
        item.putArray("ExtendedDescription");
        item.putObject("UnitPrice").put("Gross", 25.0);
        item.put("ImportRef", "line-1");
        ObjectNode payment = order.putArray("Payments").addObject().put("Amount", 25.0 * quantity + 3.99);
        payment.putObject("Card").put("CardType", "Visa").put("IsPreauth", false).put("AuthCode", "123456");
        return order;
    }
}
