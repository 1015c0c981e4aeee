package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Admin API routes the simulator serves, with Shopware's authentication, privileges and error shapes. */
final class AdminApi {
    private static final Pattern SEARCH = Pattern.compile("/api/search/([a-z-]+)");
    private static final Pattern DETAIL = Pattern.compile("/api/([a-z-]+)/([0-9a-f]{32})");
    private static final Pattern TRANSITION = Pattern.compile("/api/_action/(order|order_delivery|order_transaction)/([^/]+)/state/([a-z_]+)");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern VERSION_CREATE = Pattern.compile("/api/_action/version/order/([0-9a-f]{32})");
    private static final Pattern VERSION_MERGE = Pattern.compile("/api/_action/version/merge/order/([0-9a-f]{32})");
    private static final Pattern RECALCULATE = Pattern.compile("/api/_action/order/([0-9a-f]{32})/recalculate");
    private static final Pattern ADD_PRODUCT = Pattern.compile("/api/_action/order/([0-9a-f]{32})/product/([0-9a-f]{32})");
    private static final Pattern LINE_ITEM = Pattern.compile("/api/order-line-item/([0-9a-f]{32})");
    private static final Set<String> PRODUCT_WRITABLE = Set.of("id", "stock", "isCloseout", "active", "name", "productNumber",
            "taxId", "price", "minPurchase", "maxPurchase", "purchaseSteps", "parentId", "customFields");
    private static final Set<String> DELIVERY_WRITABLE = Set.of("id", "trackingCodes", "shippingDateEarliest",
            "shippingDateLatest", "customFields", "shippingMethodId");

    private final ShopwareSimulator sim;

    AdminApi(ShopwareSimulator sim) {
        this.sim = sim;
    }

    SimResponse handle(SimRequest request) {
        Optional<SimResponse> fault = injectFault();
        if (fault.isPresent()) {
            return fault.get();
        }
        SimResponse answer = answer(request);
        boolean write = !request.method().equals("GET") && !request.path().startsWith("/api/search/")
                && !request.path().equals("/api/oauth/token");
        if (write && answer.status() / 100 == 2 && sim.faults.roll(sim.faults.settings().apiAnswerLostRate())) {
            // applied, but the answer never reaches the caller (a proxy timed out): the caller must not do it twice
            return ShopwareErrors.response(502, ShopwareErrors.error(502, "0", "Bad Gateway", "fault: the answer was lost"));
        }
        return answer;
    }

    private SimResponse answer(SimRequest request) {
        if (request.path().equals("/api/oauth/token") && request.method().equals("POST")) {
            return sim.oauth.token(request);
        }
        SimResponse[] refusal = new SimResponse[1];
        Optional<OAuthServer.Integration> caller = sim.oauth.authenticate(request, refusal);
        if (caller.isEmpty()) {
            return refusal[0];
        }
        String accept = request.header("Accept").orElse("");
        if (!accept.contains("application/json")) {
            return ShopwareErrors.response(406, ShopwareErrors.error(406, "SIMULATOR__JSON_API_NOT_SIMULATED",
                    "Not Acceptable", "Shopware answers JSON:API (application/vnd.api+json) unless the request sends "
                            + "\"Accept: application/json\"; the simulator only speaks application/json, so send that header."));
        }
        String path = request.path();
        Matcher m;
        if (request.method().equals("GET") && path.equals("/api/_info/version")) {
            return SimResponse.json(200, "{\"version\":\"" + sim.behaviour.version().full() + "\"}");
        }
        if (request.method().equals("POST") && (m = SEARCH.matcher(path)).matches()) {
            return search(caller.get(), entityName(m.group(1)), request);
        }
        if (request.method().equals("POST") && path.equals("/api/_action/sync")) {
            return sync(caller.get(), request);
        }
        if (request.method().equals("POST") && (m = TRANSITION.matcher(path)).matches()) {
            return transition(caller.get(), m.group(1), m.group(2), m.group(3), request);
        }
        Optional<SimResponse> edit = orderEdit(caller.get(), request);
        if (edit.isPresent()) {
            return edit.get();
        }
        if ((m = DETAIL.matcher(path)).matches()) {
            String entity = entityName(m.group(1));
            return switch (request.method()) {
                case "GET" -> detail(caller.get(), entity, m.group(2), request);
                case "PATCH" -> patch(caller.get(), entity, m.group(2), request);
                case "DELETE" -> delete(entity, m.group(2));
                default -> ShopwareErrors.response(405, ShopwareErrors.error(405, "0", "Method Not Allowed", null));
            };
        }
        return ShopwareErrors.notFound("FRAMEWORK__API_ROUTE_NOT_FOUND", "No route found for \"" + request.method() + " " + path
                + "\" in the simulator");
    }

    /**
     * An admin's edit of a placed order through order versioning ({@link OrderVersions}): create a version, change its
     * lines with {@code sw-version-id}, recalculate it (refused on the live version), merge it. Needs {@code order:update}.
     */
    private Optional<SimResponse> orderEdit(OAuthServer.Integration caller, SimRequest request) {
        String path = request.path();
        String method = request.method();
        Optional<String> version = request.header("sw-version-id").filter(v -> !v.isBlank() && !v.equals(Checkout.LIVE_VERSION));
        Matcher m;
        boolean versioning = method.equals("POST") && (VERSION_CREATE.matcher(path).matches() || VERSION_MERGE.matcher(path).matches()
                || RECALCULATE.matcher(path).matches() || ADD_PRODUCT.matcher(path).matches())
                || version.isPresent() && LINE_ITEM.matcher(path).matches();
        if (!versioning) {
            return Optional.empty();
        }
        Optional<SimResponse> denied = require(caller, "order:update");
        if (denied.isPresent()) {
            return denied;
        }
        if ((m = VERSION_CREATE.matcher(path)).matches()) {
            String versionId = sim.versions.create(m.group(1));
            ObjectNode answer = SimJson.object().put("versionId", versionId).putNull("versionName").put("id", m.group(1))
                    .put("entity", "order");
            return Optional.of(SimResponse.json(200, SimJson.write(answer)));
        }
        if ((m = VERSION_MERGE.matcher(path)).matches()) {
            sim.versions.merge(m.group(1));
            return Optional.of(SimResponse.noContent());
        }
        if (version.isEmpty()) {
            // RecalculationService::checkVersion: the live order cannot be recalculated or added to
            return Optional.of(ShopwareErrors.badRequest("CHECKOUT__ORDER_CAN_NOT_RECALCULATE_LIVE_VERSION",
                    "Order with id " + path.split("/")[4] + " can not be recalculated because it is in the live version. "
                            + "Please create a new version"));
        }
        if ((m = RECALCULATE.matcher(path)).matches()) {
            sim.versions.recalculate(version.get(), m.group(1));
            return Optional.of(SimResponse.noContent());
        }
        if ((m = ADD_PRODUCT.matcher(path)).matches()) {
            sim.versions.addProduct(version.get(), m.group(1), m.group(2), body(request).path("quantity").asInt(1));
            return Optional.of(SimResponse.noContent());
        }
        m = LINE_ITEM.matcher(path);
        m.matches();
        switch (method) {
            case "PATCH" -> sim.versions.changeLine(version.get(), m.group(1), body(request));
            case "DELETE" -> sim.versions.removeLine(version.get(), m.group(1));
            default -> {
                return Optional.of(ShopwareErrors.response(405, ShopwareErrors.error(405, "0", "Method Not Allowed",
                        "the simulator changes a version's line items with PATCH or DELETE")));
            }
        }
        return Optional.of(SimResponse.noContent());
    }

    /** Orders only (what the simulator needs): 204, or Shopware's 404 for an unknown id. */
    private SimResponse delete(String entity, String id) {
        if (!entity.equals("order")) {
            return ShopwareErrors.response(405, ShopwareErrors.error(405, "0", "Method Not Allowed",
                    "the simulator deletes orders only"));
        }
        if (!sim.deleteOrder(id)) {
            return ShopwareErrors.notFound("FRAMEWORK__ENTITY_NOT_FOUND", "order for id " + id + " not found.");
        }
        return SimResponse.noContent();
    }

    private Optional<SimResponse> injectFault() {
        SimFaults.Settings f = sim.faults.settings();
        sleep(f.apiLatencyMs());
        if (sim.faults.roll(f.apiTimeoutRate())) {
            sleep(f.apiTimeoutMs());
            return Optional.of(ShopwareErrors.response(504, ShopwareErrors.error(504, "0", "Gateway Timeout",
                    "fault: the shop took " + f.apiTimeoutMs() + " ms")));
        }
        if (sim.faults.roll(f.apiErrorRate())) {
            return Optional.of(ShopwareErrors.serverError("fault: injected server error"));
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String entityName(String urlName) {
        return urlName.replace('-', '_');
    }

    private static Optional<SimResponse> require(OAuthServer.Integration caller, String privilege) {
        return caller.privileges().contains(privilege) ? Optional.empty()
                : Optional.of(ShopwareErrors.missingPrivilege(privilege));
    }

    private static JsonNode body(SimRequest request) {
        try {
            return request.jsonBody();
        } catch (IOException e) {
            throw SimulatorException.badRequest("FRAMEWORK__INVALID_REQUEST_BODY", "The JSON payload is malformed.");
        }
    }

    /** {@code ApiRequestContextResolver}: the header's presence, whatever its value, sets {@code considerInheritance}. */
    private static boolean inheritance(SimRequest request) {
        return request.header("sw-inheritance").isPresent();
    }

    private SimResponse search(OAuthServer.Integration caller, String entity, SimRequest request) {
        sim.requireDefinition(entity);
        Criteria criteria = Criteria.parse(body(request));
        for (String read : Criteria.entitiesRead(entity, criteria.associations)) {
            Optional<SimResponse> denied = require(caller, read + ":read");
            if (denied.isPresent()) {
                return denied.get();
            }
        }
        return SimResponse.json(200, SimJson.write(sim.search(entity, criteria, inheritance(request))));
    }

    private SimResponse detail(OAuthServer.Integration caller, String entity, String id, SimRequest request) {
        Criteria criteria = Criteria.fromQuery(request.query());
        for (String read : Criteria.entitiesRead(entity, criteria.associations)) {
            Optional<SimResponse> denied = require(caller, read + ":read");
            if (denied.isPresent()) {
                return denied.get();
            }
        }
        Optional<ObjectNode> doc = sim.detail(entity, id, criteria, inheritance(request));
        if (doc.isEmpty()) {
            return ShopwareErrors.notFound("FRAMEWORK__ENTITY_NOT_FOUND",
                    "Could not find entity for id \"" + id + "\" in " + entity + ".");
        }
        ObjectNode body = SimJson.object();
        body.set("data", doc.get());
        return SimResponse.json(200, SimJson.write(body));
    }

    private SimResponse patch(OAuthServer.Integration caller, String entity, String id, SimRequest request) {
        Optional<SimResponse> denied = require(caller, entity + ":update");
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body = body(request);
        if (!body.isObject()) {
            return ShopwareErrors.badRequest("FRAMEWORK__INVALID_REQUEST_BODY",
                    "Only single write operations are supported. Please send the entities one by one or use the /sync api endpoint.");
        }
        synchronized (sim) {
            List<ObjectNode> errors = new ArrayList<>();
            ObjectNode target;
            Set<String> writable;
            if (entity.equals("order_delivery")) {
                target = sim.owned("deliveries", id).map(f -> f[1]).orElse(null);
                writable = DELIVERY_WRITABLE;
            } else if (entity.equals("product")) {
                target = sim.catalog.products.get(id);
                writable = PRODUCT_WRITABLE;
            } else {
                return ShopwareErrors.badRequest("SIMULATOR__ENTITY_NOT_SIMULATED", "the simulator updates product and order_delivery only");
            }
            if (target == null) {
                return ShopwareErrors.badRequest("FRAMEWORK__WRITE_TYPE_INTEND_ERROR", "Expected command for \"" + entity
                        + "\" to be \"UpdateCommand\". (Got: InsertCommand)Hint: Use POST method to create new entities.");
            }
            validateFields(body, writable, "", errors);
            if (entity.equals("order_delivery") && body.has("trackingCodes")) {
                validateTrackingCodes(body.get("trackingCodes"), "/trackingCodes", errors);
            }
            if (entity.equals("order_delivery") && body.has("shippingMethodId")) {
                String methodId = body.path("shippingMethodId").asText("");
                if (sim.catalog.shippingMethods.values().stream().noneMatch(m -> m.id().equals(methodId))) {
                    errors.add(writeError("FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", "The shipping_method with id \"" + methodId
                            + "\" does not exist.", "/shippingMethodId"));
                }
            }
            if (entity.equals("product")) {
                validateProductRow(body, "", errors, false);
            }
            if (!errors.isEmpty()) {
                return ShopwareErrors.response(400, errors.toArray(ObjectNode[]::new));
            }
            applyFields(target, body, entity);
        }
        String location = sim.shopUrl() + "/api/" + entity.replace('_', '-') + "/" + id;
        return SimResponse.noContent().withHeader("Location", location);
    }

    private void applyFields(ObjectNode target, JsonNode body, String entity) {
        body.fields().forEachRemaining(e -> {
            if (e.getKey().equals("id")) {
                return;
            }
            if (entity.equals("product") && e.getKey().equals("stock")) {
                sim.setStock(target, e.getValue().asInt(), true);
            } else if (entity.equals("order_delivery") && e.getKey().equals("shippingMethodId")) {
                target.put("shippingMethodId", e.getValue().asText());
                sim.catalog.shippingMethods.values().stream().filter(m -> m.id().equals(e.getValue().asText())).findFirst()
                        .ifPresent(m -> target.set("shippingMethod", sim.catalog.shippingMethodJson(m)));
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        target.put("updatedAt", Checkout.SHOPWARE_TIME.format(sim.clock.instant()));
    }

    private static void validateFields(JsonNode row, Set<String> writable, String pointer, List<ObjectNode> errors) {
        row.fieldNames().forEachRemaining(name -> {
            if (name.equals("stateId")) {
                errors.add(writeError("FRAMEWORK__WRITE_PROTECTED_FIELD", "This field is write-protected. (Got: \"user\" scope and \"system\" is required)", pointer + "/stateId"));
            } else if (!writable.contains(name)) {
                errors.add(writeError("FRAMEWORK__WRITE_UNEXPECTED_FIELD_ERROR", "Unexpected field: " + name, pointer + "/" + name));
            }
        });
    }

    private static void validateTrackingCodes(JsonNode codes, String pointer, List<ObjectNode> errors) {
        if (!codes.isArray()) {
            errors.add(writeError("FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", "This value should be of type array.", pointer));
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (!codes.get(i).isTextual() || codes.get(i).asText().isBlank()) {
                errors.add(writeError("FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", "This value should be of type string.", pointer + "/" + i));
            }
        }
    }

    private static ObjectNode writeError(String code, String detail, String pointer) {
        ObjectNode e = SimJson.object().put("code", code).put("status", "400").put("detail", detail).put("template", detail);
        e.putObject("meta").putObject("parameters");
        e.putObject("source").put("pointer", pointer);
        return e;
    }

    private void validateProductRow(JsonNode row, String pointer, List<ObjectNode> errors, boolean creating) {
        if (row.has("stock") && !row.get("stock").isIntegralNumber()) {
            errors.add(writeError("ba785a8c-82cb-4283-967c-3cf342181b40", "This value should be of type int.", pointer + "/stock"));
        }
        for (String flag : List.of("isCloseout", "active")) {
            if (row.has(flag) && !row.get(flag).isBoolean()) {
                errors.add(writeError("ba785a8c-82cb-4283-967c-3cf342181b40", "This value should be of type bool.", pointer + "/" + flag));
            }
        }
        if (creating) {
            // a variant's required inherited fields (name, tax, price) may come from its parent
            List<String> required = row.path("parentId").isTextual() ? List.of("productNumber", "stock")
                    : List.of("productNumber", "name", "taxId", "price", "stock");
            for (String field : required) {
                if (!row.hasNonNull(field)) {
                    errors.add(writeError("c1051bb4-d103-4f74-8988-acbcafc7fdc3", "This value should not be blank.",
                            pointer + "/" + field));
                }
            }
        }
    }

    private SimResponse sync(OAuthServer.Integration caller, SimRequest request) {
        JsonNode body = body(request);
        List<JsonNode> operations = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                operations.add(body.get(i));
                keys.add(Integer.toString(i));
            }
        } else if (body.isObject()) {
            body.fields().forEachRemaining(e -> {
                operations.add(e.getValue());
                keys.add(e.getKey());
            });
        }
        if (operations.isEmpty()) {
            return ShopwareErrors.badRequest("FRAMEWORK__INVALID_REQUEST_BODY", "Invalid payload format. Expected an array of operations.");
        }
        boolean reindex = !"disable-indexing".equals(request.header("indexing-behavior").orElse(""));
        synchronized (sim) {
            List<ObjectNode> errors = new ArrayList<>();
            Set<String> numbers = new LinkedHashSet<>();
            // AclWriteValidator: one privilege per write command (a product row; its translation, when it writes the
            // name, needs the product's privilege again), gathered over the whole request and refused together
            List<String> productCommands = new ArrayList<>();
            List<String> translationCommands = new ArrayList<>();
            for (int o = 0; o < operations.size(); o++) {
                JsonNode op = operations.get(o);
                String action = op.path("action").asText();
                String entity = op.path("entity").asText();
                if (!entity.equals("product")) {
                    return ShopwareErrors.badRequest("SIMULATOR__ENTITY_NOT_SIMULATED",
                            "the simulator syncs product only (operation " + keys.get(o) + " names \"" + entity + "\")");
                }
                if (!action.equals("upsert") && !action.equals("delete")) {
                    return ShopwareErrors.badRequest("FRAMEWORK__INVALID_SYNC_OPERATION", "Invalid action \"" + action + "\"");
                }
                if (!op.path("payload").isArray()) {
                    return ShopwareErrors.badRequest("FRAMEWORK__INVALID_SYNC_OPERATION", "Sync operation " + keys.get(o)
                            + " needs a payload list");
                }
                if (op.path("payload").isEmpty()) {
                    // SyncOperation::validate, thrown by EntityWriter::validateSyncOperationInput before anything is written
                    return ShopwareErrors.badRequest("FRAMEWORK__INVALID_SYNC_OPERATION", "Invalid sync operation. Missing "
                            + "\"payload\"|\"criteria\" argument for operation with key \"" + keys.get(o)
                            + "\". It needs to be a non-empty array.");
                }
                JsonNode payload = op.path("payload");
                for (int r = 0; r < payload.size(); r++) {
                    JsonNode row = payload.get(r);
                    String pointer = "/" + keys.get(o) + "/" + r;
                    if (!row.isObject() || !row.path("id").isTextual() || !HEX_ID.matcher(row.path("id").asText()).matches()) {
                        errors.add(writeError("FRAMEWORK__INVALID_UUID", "Value is not a valid UUID", pointer + "/id"));
                        continue;
                    }
                    boolean exists = sim.catalog.products.containsKey(row.path("id").asText());
                    if (action.equals("delete")) {
                        if (exists) {
                            productCommands.add("product:delete");
                        }
                        continue;
                    }
                    boolean creating = !exists;
                    String privilege = creating ? "product:create" : "product:update";
                    productCommands.add(privilege);
                    if (row.has("name")) {
                        translationCommands.add(privilege);
                    }
                    validateFields(row, PRODUCT_WRITABLE, pointer, errors);
                    validateProductRow(row, pointer, errors, creating);
                    if (creating && row.path("productNumber").isTextual()) {
                        String number = row.path("productNumber").asText();
                        if (sim.catalog.productBySku(number).isPresent() || !numbers.add(number)) {
                            errors.add(writeError("CONTENT__DUPLICATE_PRODUCT_NUMBER",
                                    "Product with number \"" + number + "\" already exists.", pointer + "/productNumber"));
                        }
                    }
                }
            }
            if (!errors.isEmpty()) {
                return ShopwareErrors.response(400, errors.toArray(ObjectNode[]::new));
            }
            // the field errors (WriteException) come first; the ACL check runs when the commands are executed
            List<String> missing = new ArrayList<>();
            productCommands.stream().filter(p -> !caller.privileges().contains(p)).forEach(missing::add);
            translationCommands.stream().filter(p -> !caller.privileges().contains(p)).forEach(missing::add);
            if (!missing.isEmpty()) {
                return ShopwareErrors.missingPrivileges(missing);
            }
            ObjectNode result = SimJson.object();
            result.putArray("extensions");
            ObjectNode data = result.putObject("data");
            ArrayNode notFound = result.putArray("notFound");
            ObjectNode deleted = result.putObject("deleted");
            int rows = 0;
            for (JsonNode op : operations) {
                boolean upsert = op.path("action").asText().equals("upsert");
                ArrayNode written = upsert ? (data.has("product") ? (ArrayNode) data.get("product") : data.putArray("product"))
                        : (deleted.has("product") ? (ArrayNode) deleted.get("product") : deleted.putArray("product"));
                for (JsonNode row : op.path("payload")) {
                    rows++;
                    String id = row.path("id").asText();
                    if (!upsert) {
                        if (sim.catalog.products.remove(id) == null) {
                            notFound.add(id);
                        } else {
                            written.add(id);
                        }
                        continue;
                    }
                    ObjectNode product = sim.catalog.products.get(id);
                    if (product == null) {
                        product = SimJson.object().put("id", id).put("versionId", "0fa91ce3e96a4bc2be4bd9ce752c3425")
                                .putNull("parentId").put("isCloseout", false).put("active", true).put("available", true)
                                .put("minPurchase", 1).put("purchaseSteps", 1).putNull("maxPurchase").put("sales", 0)
                                .put("childCount", 0).put("createdAt", Checkout.SHOPWARE_TIME.format(sim.clock.instant()))
                                .put("apiAlias", "product");
                        if (row.path("parentId").isTextual()) {
                            // a new variant stores no defaults where it inherits: its own row keeps null
                            ShopCatalog.INHERITED.forEach(product::putNull);
                        }
                        sim.catalog.products.put(id, product);
                    }
                    ObjectNode target = product;
                    row.fields().forEachRemaining(e -> {
                        if (e.getKey().equals("stock")) {
                            sim.setStock(target, e.getValue().asInt(), reindex);
                        } else if (!e.getKey().equals("id")) {
                            target.set(e.getKey(), e.getValue().deepCopy());
                        }
                    });
                    written.add(id);
                }
            }
            // PHP encodes an empty group as a list: []
            if (data.isEmpty()) {
                result.putArray("data");
            }
            if (deleted.isEmpty()) {
                result.putArray("deleted");
            }
            sim.syncLog.add(SimJson.object().put("at", sim.clock.instant().toString()).put("operations", operations.size())
                    .put("rows", rows).put("indexingBehavior", request.header("indexing-behavior").orElse(""))
                    .put("skipTriggerFlow", request.header("sw-skip-trigger-flow").orElse("")));
            return SimResponse.json(200, SimJson.write(result));
        }
    }

    private SimResponse transition(OAuthServer.Integration caller, String entity, String id, String action, SimRequest request) {
        Optional<SimResponse> denied = require(caller, entity + ":update");
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body = body(request);
        JsonNode sendMail = body.path("sendMail");
        boolean mail = sendMail.isMissingNode() || sendMail.isNull() || sendMail.asBoolean(true);
        if (sendMail.isTextual()) {
            mail = !(sendMail.asText().equals("false") || sendMail.asText().equals("0") || sendMail.asText().isEmpty());
        }
        ObjectNode state = sim.transition(entity, id, action, mail);
        return SimResponse.json(200, SimJson.write(state));
    }
}
