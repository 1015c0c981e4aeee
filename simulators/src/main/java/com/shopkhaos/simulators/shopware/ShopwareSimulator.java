package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.RecentLog;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Shopware 6.6 shop that behaves like one: Admin API (OAuth, search, order detail, sync, delivery
 * updates, state transitions by Shopware's state machines), 6.6 stock semantics, the app system with
 * its registration handshake and webhooks, a control API for tests and people, and seeded faults.
 * Framework-free: {@link #handle} takes a {@link SimRequest}; mount it on any HTTP server.
 */
public final class ShopwareSimulator implements AutoCloseable {

    /** How the simulated shop is set up. */
    public record Settings(long seed, String shopId, Duration tokenTtl) {
        public static Settings defaults() {
            return new Settings(20261127L, null, Duration.ofMinutes(10));
        }
    }

    /** One state change, as the control API reports it (with the {@code sendMail} flag the caller gave). */
    public record TransitionRecord(String entity, String entityId, String action, String from, String to,
                                   boolean sendMail, Instant at) {
        ObjectNode toJson() {
            return SimJson.object().put("entity", entity).put("entityId", entityId).put("transition", action)
                    .put("from", from).put("to", to).put("sendMail", sendMail).put("at", at.toString());
        }
    }

    /**
     * A mail the shop's default flows send on a delivery's state change ("Delivery enters status shipped", "… shipped
     * partially", "… cancelled"), with the tracking codes the delivery had at that moment: the customer sees those.
     */
    public record MailRecord(String orderId, String orderNumber, String deliveryId, String template, List<String> trackingCodes,
                             Instant at) {
        ObjectNode toJson() {
            ObjectNode m = SimJson.object().put("orderId", orderId).put("orderNumber", orderNumber).put("deliveryId", deliveryId)
                    .put("template", template).put("at", at.toString());
            ArrayNode codes = m.putArray("trackingCodes");
            trackingCodes.forEach(codes::add);
            return m;
        }
    }

    /** Delivery states whose default flow mails the customer. */
    static final Set<String> MAILED_DELIVERY_STATES = Set.of("shipped", "shipped_partially", "cancelled");

    final SimClock clock;
    final SimIds ids;
    final SimFaults faults;
    final ShopBehaviour behaviour = new ShopBehaviour();
    final ShopCatalog catalog;
    final StateMachines machines;
    final OAuthServer oauth;
    final AppHost apps;
    final Checkout checkout;
    final OrderVersions versions;
    final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    /** Commercial's {@code order_return}s, by id, each with its {@code lineItems} (and their {@code reason}). */
    final Map<String, ObjectNode> orderReturns = new LinkedHashMap<>();
    /** Return reasons by their key (Commercial ships some; the administration adds more). */
    private final Map<String, String> returnReasonIds = new LinkedHashMap<>();
    final List<TransitionRecord> transitions = new ArrayList<>();
    final List<MailRecord> mails = new ArrayList<>();
    final List<ObjectNode> syncLog = new ArrayList<>();
    /** The last Admin API requests received (method, path, query, body), for tests of what clients send. */
    private final RecentLog<ObjectNode> requestLog = new RecentLog<>(REQUEST_LOG_LIMIT);
    /** Admin API requests ever received, per "METHOD path" (the log above keeps only the latest). */
    final Map<String, AtomicLong> requestCounts = new ConcurrentSkipListMap<>();
    private static final int REQUEST_LOG_LIMIT = 500;
    private int nextOrderNumber = 10000;
    private final AdminApi adminApi;
    private final ControlApi controlApi;

    static final Set<String> SEARCHABLE = Set.of("product", "order", "order_delivery", "order_transaction",
            "order_line_item", "shipping_method", "payment_method", "tax", "currency", "sales_channel", "promotion");

    public ShopwareSimulator(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public ShopwareSimulator(Settings settings, Clock baseClock) {
        this.clock = new SimClock(baseClock);
        this.ids = new SimIds(settings.seed());
        this.faults = new SimFaults(SimFaults.Settings.none(settings.seed()));
        this.catalog = new ShopCatalog(ids, Instant.parse("2026-01-05T09:00:00Z"));
        this.machines = new StateMachines(ids);
        this.oauth = new OAuthServer(clock, ids, settings.tokenTtl());
        String shopId = settings.shopId() == null || settings.shopId().isBlank() ? ids.alphanumeric(16) : settings.shopId();
        this.apps = new AppHost(clock, ids, faults, oauth, catalog.languageId, shopId, behaviour);
        this.checkout = new Checkout(catalog, machines, ids, behaviour);
        this.versions = new OrderVersions(this);
        this.adminApi = new AdminApi(this);
        this.controlApi = new ControlApi(this);
    }

    /** Where this shop is reachable, e.g. {@code http://127.0.0.1:8080/shopware-sim}; its API is below {@code /api}. */
    public void shopUrl(String url) {
        apps.shopUrl(url);
    }

    public String shopUrl() {
        return apps.shopUrl();
    }

    public String shopId() {
        return apps.shopId();
    }

    public SimResponse handle(SimRequest request) {
        try {
            if (request.path().startsWith("/api/") || request.path().equals("/api")) {
                logRequest(request);
                return adminApi.handle(request);
            }
            if (request.path().startsWith("/_control")) {
                return controlApi.handle(request);
            }
            return ShopwareErrors.notFound("SIMULATOR__NOT_FOUND",
                    "nothing at " + request.path() + "; the Admin API is under /api, the control API under /_control");
        } catch (SimulatorException e) {
            return e.response();
        } catch (RuntimeException e) {
            return ShopwareErrors.serverError(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void logRequest(SimRequest request) {
        ObjectNode entry = SimJson.object().put("method", request.method()).put("path", request.path())
                .put("query", request.rawQuery()).put("body", request.bodyText()).put("at", clock.instant().toString());
        requestCounts.computeIfAbsent(request.method() + " " + request.path(), k -> new AtomicLong())
                .incrementAndGet();
        requestLog.add(entry);
    }

    /** The Admin API requests received, oldest first, optionally only those to one path. */
    public List<ObjectNode> requests(String path) {
        return requestLog.all().stream().filter(r -> path == null || r.path("path").asText().equals(path))
                .map(ObjectNode::deepCopy).toList();
    }

    // ---------------------------------------------------------------- orders

    /** Places an order as the storefront would, then fires {@code checkout.order.placed} (and the payment's events). */
    public ObjectNode placeOrder(OrderRequest request) {
        ObjectNode order;
        synchronized (this) {
            Instant now = clock.instant();
            if (request.orderDateTime() != null && request.orderDateTime().isAfter(now)) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "orderDateTime " + request.orderDateTime()
                        + " is in the future");
            }
            order = checkout.place(request, Integer.toString(nextOrderNumber), now);
            if (request.orderDateTime() != null) {
                order.put("orderDateTime", Checkout.SHOPWARE_TIME.format(request.orderDateTime()))
                        .put("orderDate", request.orderDateTime().toString().substring(0, 10));
            }
            nextOrderNumber++;
            changeStock(order, -1);
            orders.put(order.path("id").asText(), order);
        }
        ObjectNode payload = SimJson.object();
        payload.set("order", webhookView(order, true));
        apps.dispatch("checkout.order.placed", payload);
        if (request.paid()) {
            String transactionId = order.path("transactions").path(0).path("id").asText();
            transition("order_transaction", transactionId, "paid", true);
        }
        synchronized (this) {
            return orders.get(order.path("id").asText()).deepCopy();
        }
    }

    /** The live order by id (not a copy: under this simulator's lock). */
    synchronized Optional<ObjectNode> liveOrder(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    /**
     * Merges an edited version into the live order ({@link OrderVersions}): lines and totals from the version, the
     * rest (ids, states, addresses, transactions) kept; product stock moves by each line's change; {@code updatedAt}
     * set; {@code order.written} sent to the apps that subscribe to it (never {@code checkout.order.placed}).
     */
    ObjectNode mergeOrderVersion(String orderId, ObjectNode version) {
        ObjectNode live;
        ArrayNode written = SimJson.array();
        synchronized (this) {
            live = orders.get(orderId);
            if (live == null) {
                throw SimulatorException.notFound("FRAMEWORK__ENTITY_NOT_FOUND", "Could not find entity for id \"" + orderId + "\" in order.");
            }
            Map<String, Integer> before = productQuantities(live);
            Map<String, Integer> after = productQuantities(version);
            Set<String> productIds = new TreeSet<>(before.keySet());
            productIds.addAll(after.keySet());
            for (String productId : productIds) {
                int change = after.getOrDefault(productId, 0) - before.getOrDefault(productId, 0);
                ObjectNode product = catalog.products.get(productId);
                if (change != 0 && product != null) {
                    setStock(product, product.path("stock").asInt() - change, true);
                    product.put("sales", product.path("sales").asInt() + change);
                }
            }
            ArrayNode fields = SimJson.array();
            for (String field : List.of("lineItems", "price", "amountTotal", "amountNet", "positionPrice", "shippingCosts", "shippingTotal")) {
                live.set(field, version.get(field).deepCopy());
                fields.add(field);
            }
            ObjectNode delivery = (ObjectNode) live.path("deliveries").path(0);
            if (delivery.isObject()) {
                ArrayNode positions = (ArrayNode) version.path("deliveries").path(0).path("positions").deepCopy();
                positions.forEach(p -> ((ObjectNode) p).put("orderDeliveryId", delivery.path("id").asText()));
                delivery.set("positions", positions);
                delivery.set("shippingCosts", version.path("shippingCosts").deepCopy());
            }
            live.put("updatedAt", Checkout.SHOPWARE_TIME.format(clock.instant()));
            ObjectNode row = written.addObject().put("entity", "order").put("operation", "update").put("primaryKey", orderId)
                    .put("versionId", Checkout.LIVE_VERSION);
            row.set("updatedFields", fields);
        }
        apps.dispatch("order.written", written);
        synchronized (this) {
            return live.deepCopy();
        }
    }

    private static Map<String, Integer> productQuantities(ObjectNode order) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (JsonNode item : order.path("lineItems")) {
            if ("product".equals(item.path("type").asText())) {
                quantities.merge(item.path("referencedId").asText(), item.path("quantity").asInt(), Integer::sum);
            }
        }
        return quantities;
    }

    /** Deletes an order as {@code DELETE /api/order/{id}} does (an admin clearing a test order, say); false when there is none. */
    public synchronized boolean deleteOrder(String id) {
        return orders.remove(id) != null;
    }

    /** An order by id or order number. */
    public synchronized Optional<ObjectNode> order(String idOrNumber) {
        ObjectNode byId = orders.get(idOrNumber);
        if (byId != null) {
            return Optional.of(byId);
        }
        return orders.values().stream().filter(o -> o.path("orderNumber").asText().equals(idOrNumber)).findFirst();
    }

    /** Which order holds this delivery or transaction, with the nested object. */
    synchronized Optional<ObjectNode[]> owned(String collection, String id) {
        for (ObjectNode order : orders.values()) {
            for (JsonNode child : order.path(collection)) {
                if (child.path("id").asText().equals(id)) {
                    return Optional.of(new ObjectNode[] {order, (ObjectNode) child});
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A refund as a payment extension keeps it (Shopware 6.5+: an {@code order_transaction_capture} of the payment, with
     * an {@code order_transaction_capture_refund} of {@code amount}, state {@code completed}); the transaction's
     * {@code updatedAt} moves, as a written association does. Shopware's own state transition carries no amount.
     */
    /**
     * Shopware looks the entity's definition up before anything else (its ACL included): an entity the shop does not
     * have (Commercial's {@code order_return} without Commercial) is {@code FRAMEWORK__DEFINITION_NOT_FOUND}.
     */
    void requireDefinition(String entity) {
        if (entity.startsWith("order_return") && behaviour.orderReturns() == ShopBehaviour.OrderReturns.ABSENT) {
            throw SimulatorException.notFound("FRAMEWORK__DEFINITION_NOT_FOUND", "Definition for entity \"" + entity + "\" does not exist.");
        }
    }

    /**
     * Customer service records a return (Commercial's returns management): {@code {"lines": [{"sku": "…", "quantity": 1,
     * "reason": "damaged"}], "state": "open"}} (its state: {@code open} unless given, e.g. {@code cancelled}), each line one of the order's product lines by its SKU; answers the {@code order_return}.
     * Only with the {@code orderReturns: commercial} setting (a shop without Commercial has no returns).
     */
    public synchronized ObjectNode recordOrderReturn(String orderId, JsonNode body) {
        if (behaviour.orderReturns() == ShopBehaviour.OrderReturns.ABSENT) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "this shop has no returns management (Commercial): "
                    + "PUT /_control/settings {\"orderReturns\":\"commercial\"} first");
        }
        ObjectNode order = orders.get(orderId);
        String now = Checkout.SHOPWARE_TIME.format(clock.instant());
        ObjectNode ret = SimJson.object().put("id", ids.next()).put("orderId", orderId)
                .put("returnNumber", String.format("R%05d", orderReturns.size() + 1)).put("requestedAt", now).put("createdAt", now)
                .put("apiAlias", "order_return");
        ret.putObject("state").put("technicalName", body.path("state").asText("open")).put("apiAlias", "state_machine_state");
        ArrayNode lines = ret.putArray("lineItems");
        if (!body.path("lines").isArray() || body.path("lines").isEmpty()) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"lines\": [{\"sku\": \"…\", \"quantity\": 1, \"reason\": \"…\"}]}");
        }
        for (JsonNode wanted : body.path("lines")) {
            JsonNode line = null;
            for (JsonNode l : order.path("lineItems")) {
                if (l.path("type").asText().equals("product") && l.path("payload").path("productNumber").asText().equals(wanted.path("sku").asText())) {
                    line = l;
                }
            }
            if (line == null || wanted.path("quantity").asInt() < 1 || wanted.path("quantity").asInt() > line.path("quantity").asInt()) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "the order has no product line " + wanted.path("sku")
                        + " of at least " + wanted.path("quantity") + " unit(s)");
            }
            String reasonKey = wanted.path("reason").asText("other");
            ObjectNode item = lines.addObject().put("id", ids.next()).put("orderReturnId", ret.path("id").asText())
                    .put("orderLineItemId", line.path("id").asText()).put("quantity", wanted.path("quantity").asInt())
                    .put("apiAlias", "order_return_line_item");
            String reasonId = returnReasonIds.computeIfAbsent(reasonKey, k -> ids.next());
            item.put("reasonId", reasonId);
            item.putObject("reason").put("id", reasonId).put("reasonKey", reasonKey)
                    .put("apiAlias", "order_return_line_item_reason");
        }
        orderReturns.put(ret.path("id").asText(), ret);
        order.put("updatedAt", now);
        return ret.deepCopy();
    }

    public void recordCaptureRefund(String transactionId, java.math.BigDecimal amount, String reason) {
        if (amount.signum() <= 0) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "refundAmount must be more than 0");
        }
        synchronized (this) {
            ObjectNode[] found = owned("transactions", transactionId).orElseThrow(() -> SimulatorException.badRequest(
                    "SYSTEM__STATE_MACHINE_INVALID_ENTITY_ID", "The entity id \"" + transactionId
                            + "\" of \"order_transaction\" is invalid or does not exist."));
            ObjectNode transaction = found[1];
            ArrayNode captures = transaction.has("captures") ? (ArrayNode) transaction.get("captures") : transaction.putArray("captures");
            if (captures.isEmpty()) {
                ObjectNode capture = captures.addObject().put("id", ids.next()).put("transactionId", transactionId)
                        .put("apiAlias", "order_transaction_capture");
                capture.set("amount", transaction.path("amount").deepCopy());
                capture.putArray("refunds");
            }
            ObjectNode capture = (ObjectNode) captures.get(0);
            ObjectNode refund = ((ArrayNode) capture.get("refunds")).addObject().put("id", ids.next())
                    .put("captureId", capture.path("id").asText()).put("reason", reason)
                    .put("apiAlias", "order_transaction_capture_refund");
            refund.putObject("amount").put("unitPrice", amount).put("totalPrice", amount).put("quantity", 1)
                    .put("apiAlias", "calculated_price");
            refund.putObject("stateMachineState").put("technicalName", "completed").put("name", "Completed")
                    .put("apiAlias", "state_machine_state");
            transaction.put("updatedAt", Checkout.SHOPWARE_TIME.format(clock.instant()));
            found[0].put("updatedAt", Checkout.SHOPWARE_TIME.format(clock.instant()));
        }
    }

    /**
     * Applies a state transition as {@code POST /api/_action/<entity>/<id>/state/<action>} does, with its
     * side effects (stock back on cancel) and its {@code state_enter.*} webhook; answers the new state.
     */
    public ObjectNode transition(String entity, String id, String action, boolean sendMail) {
        ObjectNode order;
        String from;
        String to;
        ObjectNode newState;
        synchronized (this) {
            StateMachine machine;
            ObjectNode target;
            switch (entity) {
                case "order" -> {
                    machine = machines.order;
                    target = orders.get(id);
                    order = target;
                }
                case "order_delivery", "order_transaction" -> {
                    machine = entity.equals("order_delivery") ? machines.delivery : machines.transaction;
                    Optional<ObjectNode[]> found = owned(entity.equals("order_delivery") ? "deliveries" : "transactions", id);
                    order = found.map(f -> f[0]).orElse(null);
                    target = found.map(f -> f[1]).orElse(null);
                }
                default -> throw SimulatorException.badRequest("SYSTEM__STATE_MACHINE_NOT_FOUND",
                        "The StateMachine named \"" + entity + ".state\" was not found.");
            }
            if (target == null) {
                throw SimulatorException.badRequest("SYSTEM__STATE_MACHINE_INVALID_ENTITY_ID",
                        "The entity id \"" + id + "\" of \"" + entity + "\" is invalid or does not exist.");
            }
            from = machine.stateName(target.path("stateId").asText());
            Optional<String> destination = machine.destination(from, action, behaviour.version().cancelFromAnyState());
            if (destination.isEmpty()) {
                List<String> possible = machine.actionsFrom(from);
                ObjectNode e = ShopwareErrors.error(400, "SYSTEM__ILLEGAL_STATE_TRANSITION", "Bad Request",
                        "Illegal transition \"" + action + "\" from state \"" + target.path("stateId").asText()
                                + "\". Possible transitions are: " + String.join(", ", possible));
                ObjectNode parameters = e.putObject("meta").putObject("parameters").put("transition", action)
                        .put("currentState", target.path("stateId").asText())
                        .put("possibleTransitionsString", String.join(", ", possible));
                ArrayNode list = parameters.putArray("possibleTransitions");
                possible.forEach(list::add);
                throw new SimulatorException(ShopwareErrors.response(400, e));
            }
            to = destination.get();
            newState = machines.stateJson(machine, to);
            if (to.equals(from)) {
                return newState;
            }
            target.put("stateId", machine.stateId(to));
            target.set("stateMachineState", newState.deepCopy());
            target.put("updatedAt", Checkout.SHOPWARE_TIME.format(clock.instant()));
            if (entity.equals("order")) {
                if (to.equals("cancelled")) {
                    changeStock(order, +1);
                } else if (from.equals("cancelled")) {
                    changeStock(order, -1);
                }
            }
            transitions.add(new TransitionRecord(entity, id, action, from, to, sendMail, clock.instant()));
            if (entity.equals("order_delivery") && sendMail && MAILED_DELIVERY_STATES.contains(to)) {
                List<String> codes = new ArrayList<>();
                target.path("trackingCodes").forEach(c -> codes.add(c.asText()));
                mails.add(new MailRecord(order.path("id").asText(), order.path("orderNumber").asText(), id,
                        "order_delivery.state." + to, List.copyOf(codes), clock.instant()));
            }
            order = order.deepCopy();
        }
        ObjectNode payload = SimJson.object();
        payload.set("order", webhookView(order, false));
        apps.dispatch("state_enter." + entity + ".state." + to, payload);
        return newState;
    }

    synchronized List<MailRecord> mails(String orderNumber) {
        return mails.stream().filter(m -> orderNumber == null || m.orderNumber().equals(orderNumber)).toList();
    }

    synchronized List<TransitionRecord> transitionsOf(String entityId) {
        return transitions.stream().filter(t -> t.entityId().equals(entityId)).toList();
    }

    // ---------------------------------------------------------------- stock

    /** 6.6 stock: product line items take from {@code stock} on placing, give back on cancel; closeout caps at 0. */
    private void changeStock(ObjectNode order, int direction) {
        for (JsonNode item : order.path("lineItems")) {
            if (!"product".equals(item.path("type").asText())) {
                continue;
            }
            ObjectNode product = catalog.products.get(item.path("referencedId").asText());
            if (product != null) {
                int quantity = item.path("quantity").asInt();
                setStock(product, product.path("stock").asInt() + direction * quantity, true);
                product.put("sales", product.path("sales").asInt() - direction * quantity);
            }
        }
    }

    /** Sets stock as Shopware's StockStorage does: {@code availableStock} mirrors it; {@code available} follows closeout. */
    void setStock(ObjectNode product, int stock, boolean reindex) {
        product.put("stock", stock).put("availableStock", stock);
        if (reindex) {
            ObjectNode effective = catalog.resolved(product); // a variant's closeout and minimum are its parent's when inherited
            boolean closeout = effective.path("isCloseout").asBoolean();
            product.put("available", !closeout || stock >= effective.path("minPurchase").asInt(1));
        }
        product.put("updatedAt", Checkout.SHOPWARE_TIME.format(clock.instant()));
    }

    // ---------------------------------------------------------------- views

    /** The order as webhooks carry it: store-API encoding (non-ApiAware fields dropped) and the checkout's associations. */
    static ObjectNode webhookView(ObjectNode order, boolean placed) {
        ObjectNode view = order.deepCopy();
        view.remove(List.of("stateId", "ruleIds", "autoIncrement", "itemRounding", "totalRounding", "billingAddress",
                "createdById", "updatedById"));
        view.path("lineItems").forEach(i -> ((ObjectNode) i).remove(List.of("price", "product", "promotion")));
        if (!placed) {
            view.path("deliveries").forEach(d -> ((ObjectNode) d).remove("stateMachineState"));
            view.path("transactions").forEach(t -> ((ObjectNode) t).remove("stateMachineState"));
        }
        view.putObject("customFields");
        return view;
    }

    /** Every document of an entity the Admin API can search, in their stored (full) form. */
    /** A search as the Admin API answers it: filtered and sorted on the stored documents, only the page copied out. */
    synchronized ObjectNode search(String entity, Criteria criteria, boolean inheritance) {
        return criteria.search(entity, documents(entity, inheritance));
    }

    /** One document, shaped by the criteria (a copy), if there is one with this id. */
    synchronized Optional<ObjectNode> detail(String entity, String id, Criteria criteria, boolean inheritance) {
        return documents(entity, inheritance).stream().filter(d -> d.path("id").asText().equals(id)).findFirst().map(criteria::shape);
    }

    /**
     * The stored documents themselves: only for use under this simulator's lock, never handed out. Products as the request
     * reads them: with {@code sw-inheritance} (or under {@code variantInheritance: resolved}) a variant's inherited fields
     * are its parent's (copies), else its own row, nulls and all; filters and sorts see the same values.
     */
    private List<ObjectNode> documents(String entity, boolean inheritance) {
        List<ObjectNode> docs = new ArrayList<>();
        switch (entity) {
            case "product" -> {
                if (inheritance || behaviour.variantInheritance() == ShopBehaviour.VariantInheritance.RESOLVED) {
                    catalog.products.values().forEach(p -> docs.add(catalog.resolved(p)));
                } else {
                    docs.addAll(catalog.products.values());
                }
            }
            case "order" -> docs.addAll(orders.values());
            case "order_delivery", "order_transaction", "order_line_item" -> {
                String collection = switch (entity) {
                    case "order_delivery" -> "deliveries";
                    case "order_transaction" -> "transactions";
                    default -> "lineItems";
                };
                orders.values().forEach(o -> o.path(collection).forEach(c -> docs.add((ObjectNode) c)));
            }
            case "shipping_method" -> catalog.shippingMethods.values().forEach(m -> docs.add(catalog.shippingMethodJson(m)));
            case "payment_method" -> docs.addAll(catalog.paymentMethods.values());
            case "tax" -> docs.addAll(catalog.taxes.values());
            case "currency" -> docs.addAll(catalog.currencies.values());
            case "sales_channel" -> docs.add(catalog.salesChannelJson());
            case "promotion" -> catalog.promotions.values().forEach(p -> docs.add(catalog.promotionJson(p)));
            case "order_return" -> {
                requireDefinition(entity);
                docs.addAll(orderReturns.values());
            }
            default -> throw SimulatorException.badRequest("SIMULATOR__ENTITY_NOT_SIMULATED",
                    "the simulator does not hold \"" + entity + "\" entities; it has product, order, order_delivery, "
                            + "order_transaction, order_line_item, shipping_method, payment_method, tax, currency, sales_channel, promotion");
        }
        return docs;
    }

    /**
     * Switches the Shopware version. To 6.7: the migration {@code Migration1697112044PaymentAndShippingTechnicalNameRequired}
     * gives a shipping method without a technical name {@code temporary_<id>}, and orders read it through their
     * association, so the copies the simulator keeps in its orders change too (and back, on a switch to 6.6).
     */
    synchronized void version(ShopBehaviour.ShopwareVersion version) {
        behaviour.version(version);
        catalog.technicalNameRequired = version.technicalNameRequired();
        for (SimShippingMethod method : catalog.shippingMethods.values()) {
            if (method.technicalName() != null) {
                continue;
            }
            ObjectNode json = catalog.shippingMethodJson(method);
            for (ObjectNode order : orders.values()) {
                for (JsonNode delivery : order.path("deliveries")) {
                    if (delivery.path("shippingMethod").path("id").asText().equals(method.id())) {
                        ((ObjectNode) delivery.get("shippingMethod")).set("technicalName", json.get("technicalName"));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        apps.close();
    }
}
