package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.ordersync.ShopOrderUnreadableException;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.returns.ShopReturnLine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shop's orders through its Admin API: one {@link ShopwareAdminClient} per shop (so its token is
 * reused until it expires), the order read into the domain by {@link ShopwareOrderMapper}.
 */
@Singleton
public class ShopwareShopOrders implements ShopOrders {
    static final int PAGE = 500;
    /** Shopware's own date format, in UTC. */
    static final DateTimeFormatter SHOPWARE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final ShopwareClients clients;

    @Inject
    public ShopwareShopOrders(ShopwareClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ShopOrder> fetch(String shopId, String orderId) {
        Optional<JsonNode> json = client(shopId).order(orderId);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShopwareOrderMapper.read(json.get()));
        } catch (RuntimeException e) {
            throw new ShopOrderUnreadableException(orderId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public List<ChangedOrder> changedBetween(String shopId, Instant from, Instant to) {
        ShopwareAdminClient client = client(shopId);
        List<ChangedOrder> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = client.post("/api/search/order", changedCriteria(from, to, page)).path("data");
            for (JsonNode order : data) {
                found.add(new ChangedOrder(order.path("id").asText(), order.path("orderNumber").asText("")));
            }
            if (data.size() < PAGE) {
                return found;
            }
        }
    }

    /**
     * Pages of whole orders placed in {@code [from, to)} by {@code orderDateTime}, oldest first (then by id, so a page
     * boundary never splits ties differently), with {@link #ORDER_INCLUDES} and no total count (Shopware then skips
     * counting the whole day on every page). The Admin API reads the live version of each order unless a version header
     * is sent, and none is.
     */
    @Override
    public void placedBetween(String shopId, Instant from, Instant to, Consumer<List<ShopOrder>> eachPage) {
        ShopwareAdminClient client = client(shopId);
        for (int page = 1; ; page++) {
            ObjectNode criteria = wholeOrders(page);
            criteria.putArray("filter").addObject().put("type", "range").put("field", "orderDateTime").putObject("parameters")
                    .put("gte", SHOPWARE_TIME.format(from)).put("lt", SHOPWARE_TIME.format(to));
            ArrayNode sort = criteria.putArray("sort");
            sort.addObject().put("field", "orderDateTime").put("order", "ASC");
            sort.addObject().put("field", "id").put("order", "ASC");
            JsonNode data = client.post("/api/search/order", criteria).path("data");
            List<ShopOrder> orders = read(data);
            if (!orders.isEmpty()) {
                eachPage.accept(orders);
            }
            if (data.size() < PAGE) {
                return;
            }
        }
    }

    @Override
    public List<ShopOrder> fetchAll(String shopId, Collection<String> orderIds) {
        return byField(shopId, "id", orderIds);
    }

    @Override
    public List<ShopOrder> byOrderNumbers(String shopId, Collection<String> orderNumbers) {
        return byField(shopId, "orderNumber", orderNumbers);
    }

    private List<ShopOrder> byField(String shopId, String field, Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<ShopOrder> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i += PAGE) {
            ObjectNode criteria = wholeOrders(1);
            ArrayNode list = criteria.putArray("filter").addObject().put("type", "equalsAny").put("field", field).putArray("value");
            all.subList(i, Math.min(all.size(), i + PAGE)).forEach(list::add);
            found.addAll(read(client(shopId).post("/api/search/order", criteria).path("data")));
        }
        return found;
    }

    /**
     * The order's capture refunds (Shopware 6.5+: what a payment extension records of a refund, with its amount), summed
     * per transaction, those completed (an open or in-progress refund has not reached the customer yet). A shop that refuses the read (403: the app version with the
     * {@code order_transaction_capture_refund} read permission is not accepted yet) answers empty.
     */
    @Override
    public Optional<Map<String, BigDecimal>> refundedAmounts(String shopId, String orderId) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode();
        criteria.putArray("ids").add(orderId);
        criteria.putObject("associations").putObject("transactions").putObject("associations").putObject("captures")
                .putObject("associations").putObject("refunds").putObject("associations").putObject("stateMachineState");
        ObjectNode includes = criteria.putObject("includes");
        includes.putArray("order").add("id").add("transactions");
        includes.putArray("order_transaction").add("id").add("captures");
        includes.putArray("order_transaction_capture").add("refunds");
        includes.putArray("order_transaction_capture_refund").add("amount").add("stateMachineState");
        includes.putArray("state_machine_state").add("technicalName");
        JsonNode data;
        try {
            data = client(shopId).post("/api/search/order", criteria).path("data");
        } catch (ShopwareApiException e) {
            if (e.status() == 403) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, BigDecimal> refunded = new LinkedHashMap<>();
        for (JsonNode transaction : data.path(0).path("transactions")) {
            for (JsonNode capture : transaction.path("captures")) {
                for (JsonNode refund : capture.path("refunds")) {
                    String state = refund.path("stateMachineState").path("technicalName").asText("");
                    JsonNode amount = refund.path("amount").path("totalPrice");
                    if (state.equals("completed") && amount.isNumber()) {
                        refunded.merge(transaction.path("id").asText(), amount.decimalValue(), BigDecimal::add);
                    }
                }
            }
        }
        return Optional.of(refunded);
    }

    /**
     * The units each order line comes back by the shop's own returns (Shopware Commercial's returns management:
     * {@code order_return} with its {@code lineItems}, each naming the order line, a quantity and a {@code reason}, in the
     * Admin API schema of {@code @shopware/api-client} 6.7), summed per line over the order's returns. A shop without
     * Commercial has no such entity ({@code FRAMEWORK__DEFINITION_NOT_FOUND}, whatever the status), and one that has not
     * accepted the app version with the read permissions refuses it (403): either way empty, the shop cannot say. A return
     * (or a line of one) in state {@code cancelled} brings nothing back.
     */
    @Override
    public Optional<List<ShopReturnLine>> returnedLines(String shopId, String orderId) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("limit", PAGE);
        criteria.putArray("filter").addObject().put("type", "equals").put("field", "orderId").put("value", orderId);
        ObjectNode associations = criteria.putObject("associations");
        associations.putObject("state");
        ObjectNode lineAssociations = associations.putObject("lineItems").putObject("associations");
        lineAssociations.putObject("reason");
        lineAssociations.putObject("state");
        ObjectNode includes = criteria.putObject("includes");
        includes.putArray("order_return").add("id").add("lineItems").add("state");
        includes.putArray("order_return_line_item").add("orderLineItemId").add("quantity").add("reason").add("state");
        includes.putArray("order_return_line_item_reason").add("reasonKey");
        includes.putArray("state_machine_state").add("technicalName");
        JsonNode data;
        try {
            data = client(shopId).post("/api/search/order-return", criteria).path("data");
        } catch (ShopwareApiException e) {
            if (e.status() == 403 || e.body().contains(NO_SUCH_ENTITY)) {
                return Optional.empty();
            }
            throw e;
        } catch (ShopwareUnavailableException e) {
            if (String.valueOf(e.getMessage()).contains(NO_SUCH_ENTITY)) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (JsonNode ret : data) {
            if (cancelled(ret)) {
                continue;
            }
            for (JsonNode line : ret.path("lineItems")) {
                String id = line.path("orderLineItemId").asText("");
                if (!id.isEmpty() && line.path("quantity").isNumber() && !cancelled(line)) {
                    units.merge(id, line.path("quantity").decimalValue(), BigDecimal::add);
                    reasons.putIfAbsent(id, line.path("reason").path("reasonKey").asText(""));
                }
            }
        }
        List<ShopReturnLine> lines = new ArrayList<>();
        units.forEach((id, quantity) -> lines.add(new ShopReturnLine(id, quantity, reasons.get(id))));
        return Optional.of(lines);
    }

    /** A return (or a returned line) customer service cancelled: its goods are not coming back. */
    private static boolean cancelled(JsonNode returnOrLine) {
        return returnOrLine.path("state").path("technicalName").asText("").equals("cancelled");
    }

    /** Shopware's answer for an entity the shop does not have (Commercial's order_return on a shop without it). */
    static final String NO_SUCH_ENTITY = "FRAMEWORK__DEFINITION_NOT_FOUND";

    /** What {@link ShopwareOrderMapper} reads, per entity ({@code apiAlias}); prices and taxes come whole. */
    static final Map<String, List<String>> ORDER_INCLUDES = Map.ofEntries(
            Map.entry("order", List.of("id", "orderNumber", "orderDateTime", "currency", "taxStatus", "amountTotal", "amountNet",
                    "shippingTotal", "price", "orderCustomer", "billingAddress", "billingAddressId", "addresses", "deliveries",
                    "lineItems", "transactions", "stateMachineState", "salesChannelId", "currencyFactor")),
            Map.entry("order_line_item", List.of("id", "parentId", "type", "payload", "productId", "label", "quantity",
                    "unitPrice", "totalPrice", "price", "referencedId")),
            Map.entry("order_delivery", List.of("id", "shippingMethod", "shippingCosts", "stateMachineState",
                    "shippingOrderAddress")),
            Map.entry("shipping_method", List.of("technicalName", "name")),
            Map.entry("order_address", List.of("id", "company", "firstName", "lastName", "street", "additionalAddressLine1",
                    "additionalAddressLine2", "zipcode", "city", "country", "phoneNumber")),
            Map.entry("country", List.of("iso")),
            Map.entry("order_transaction", List.of("id", "paymentMethod", "stateMachineState", "amount")),
            Map.entry("payment_method", List.of("technicalName", "name")),
            Map.entry("state_machine_state", List.of("technicalName")),
            Map.entry("order_customer", List.of("email", "firstName", "lastName", "company", "customerNumber")),
            Map.entry("currency", List.of("isoCode")));

    /** A page of whole orders: every association translation needs, only the fields it reads, no total count. */
    static ObjectNode wholeOrders(int page) {
        ObjectNode criteria = ShopwareAdminClient.withOrderAssociations(InfraJson.mapper().createObjectNode());
        criteria.put("page", page).put("limit", PAGE).put("total-count-mode", 0);
        ObjectNode includes = criteria.putObject("includes");
        ORDER_INCLUDES.forEach((alias, fields) -> fields.forEach(includes.putArray(alias)::add));
        return criteria;
    }

    private static List<ShopOrder> read(JsonNode data) {
        List<ShopOrder> orders = new ArrayList<>();
        for (JsonNode json : data) {
            try {
                orders.add(ShopwareOrderMapper.read(json));
            } catch (RuntimeException e) {
                throw new ShopOrderUnreadableException(json.path("id").asText(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return orders;
    }

    /** Orders whose creation, last change or a payment's last change falls in {@code [from, to)}, oldest first. */
    static ObjectNode changedCriteria(Instant from, Instant to, int page) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("page", page).put("limit", PAGE);
        ObjectNode any = criteria.putArray("filter").addObject().put("type", "multi").put("operator", "OR");
        ArrayNode queries = any.putArray("queries");
        for (String field : List.of("createdAt", "updatedAt", "transactions.updatedAt")) {
            queries.addObject().put("type", "range").put("field", field).putObject("parameters")
                    .put("gte", SHOPWARE_TIME.format(from)).put("lt", SHOPWARE_TIME.format(to));
        }
        criteria.putArray("sort").addObject().put("field", "createdAt").put("order", "ASC");
        ArrayNode include = criteria.putObject("includes").putArray("order");
        include.add("id").add("orderNumber");
        return criteria;
    }

    private ShopwareAdminClient client(String shopId) {
        return clients.forShop(shopId);
    }
}
