package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shopware's search criteria over the simulator's JSON documents: filters ({@code equals},
 * {@code equalsAny}, {@code range}, {@code contains}, {@code prefix}, {@code suffix}, {@code multi},
 * {@code not}), {@code ids}, {@code sort}, {@code page}/{@code limit} (at most 500), {@code associations}
 * and {@code includes}.
 */
final class Criteria {
    static final int MAX_LIMIT = 500;

    /** Which associations each entity has, by its apiAlias; only requested ones are returned. */
    static final Map<String, Map<String, String>> ASSOCIATIONS = Map.ofEntries(
            Map.entry("order", Map.ofEntries(Map.entry("stateMachineState", "state_machine_state"),
                    Map.entry("orderCustomer", "order_customer"), Map.entry("currency", "currency"),
                    Map.entry("language", "language"), Map.entry("salesChannel", "sales_channel"),
                    Map.entry("addresses", "order_address"), Map.entry("billingAddress", "order_address"),
                    Map.entry("deliveries", "order_delivery"), Map.entry("lineItems", "order_line_item"),
                    Map.entry("transactions", "order_transaction"), Map.entry("documents", "document"),
                    Map.entry("tags", "tag"))),
            Map.entry("order_delivery", Map.of("stateMachineState", "state_machine_state", "shippingOrderAddress", "order_address",
                    "shippingMethod", "shipping_method", "positions", "order_delivery_position", "order", "order")),
            Map.entry("order_address", Map.of("country", "country", "countryState", "country_state", "salutation", "salutation")),
            Map.entry("order_transaction", Map.of("stateMachineState", "state_machine_state", "paymentMethod", "payment_method",
                    "captures", "order_transaction_capture")),
            Map.entry("order_transaction_capture", Map.of("refunds", "order_transaction_capture_refund", "transaction", "order_transaction")),
            Map.entry("order_transaction_capture_refund", Map.of("stateMachineState", "state_machine_state", "capture",
                    "order_transaction_capture")),
            Map.entry("order_line_item", Map.of("product", "product", "cover", "media", "promotion", "promotion",
                    "downloads", "order_line_item_download", "orderDeliveryPositions", "order_delivery_position")),
            Map.entry("order_customer", Map.of("customer", "customer", "salutation", "salutation")),
            Map.entry("order_delivery_position", Map.of("orderLineItem", "order_line_item", "orderDelivery", "order_delivery")),
            Map.entry("product", Map.of("tax", "tax", "parent", "product", "children", "product", "manufacturer",
                    "product_manufacturer", "cover", "product_media", "prices", "product_price", "visibilities",
                    "product_visibility", "categories", "category", "options", "property_group_option")),
            Map.entry("shipping_method", Map.of("prices", "shipping_method_price", "deliveryTime", "delivery_time", "tax", "tax")),
            Map.entry("payment_method", Map.of("media", "media")),
            Map.entry("sales_channel", Map.of("currencies", "currency", "currency", "currency", "domains", "sales_channel_domain")),
            Map.entry("promotion", Map.of("discounts", "promotion_discount", "salesChannels", "promotion_sales_channel")),
            Map.entry("order_return", Map.of("lineItems", "order_return_line_item", "order", "order", "state", "state_machine_state")),
            Map.entry("order_return_line_item", Map.of("reason", "order_return_line_item_reason", "lineItem", "order_line_item",
                    "state", "state_machine_state", "return", "order_return")));

    /** {@code Criteria::TOTAL_COUNT_MODE_*}: no count, the exact count, or the rows on this and the next pages. */
    static final int TOTAL_COUNT_NONE = 0;
    static final int TOTAL_COUNT_EXACT = 1;
    static final int TOTAL_COUNT_NEXT_PAGES = 2;

    private final JsonNode body;
    final int offset;
    /** Null when the request gave {@code ids}: Shopware then reads every one of them. */
    final Integer limit;
    final int totalCountMode;
    final Map<String, Object> associations;
    final Map<String, Set<String>> includes = new LinkedHashMap<>();
    private final Set<String> ids = new LinkedHashSet<>();

    private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Criteria(JsonNode body, int offset, Integer limit, int totalCountMode, Map<String, Object> associations) {
        this.body = body;
        this.offset = offset;
        this.limit = limit;
        this.totalCountMode = totalCountMode;
        this.associations = associations;
    }

    /**
     * Parses a search body as Shopware's {@code RequestCriteriaBuilder::parse} does (shopware/shopware,
     * {@code src/Core/Framework/DataAbstractionLayer/Search/RequestCriteriaBuilder.php}): with {@code ids} the limit is
     * dropped (no cap, not even 500) and {@code limit}, {@code page} and {@code total-count-mode} are not read at all;
     * otherwise {@code total-count-mode} is 0/1/2 or none/exact/next-pages (anything else: none), {@code limit} is checked
     * against the max limit (500, {@code shopware.api.max_limit}) and defaults to it, and {@code page} sets the offset to
     * the <em>request's</em> limit × (page − 1): a page without a limit is offset 0, the first page again. Limit and page
     * errors are gathered into one 400 ({@code SearchRequestException}), each pointing at its field.
     */
    static Criteria parse(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = SimJson.object();
        }
        if (!body.isObject()) {
            throw SimulatorException.badRequest("FRAMEWORK__INVALID_CRITERIA", "The criteria must be a JSON object.");
        }
        List<ObjectNode> errors = new ArrayList<>();
        Integer limit = MAX_LIMIT;
        int offset = 0;
        int totalCountMode = TOTAL_COUNT_NONE;
        Set<String> ids = new LinkedHashSet<>();
        JsonNode idsNode = body.get("ids");
        boolean byIds = idsNode != null && !idsNode.isNull();
        if (byIds) {
            if (idsNode.isTextual()) {
                for (String id : idsNode.asText().split("\\|")) {
                    if (!id.isEmpty()) {
                        ids.add(id);
                    }
                }
            } else {
                idsNode.forEach(id -> ids.add(id.asText()));
            }
            limit = null;
        } else {
            JsonNode modeNode = body.get("total-count-mode");
            if (modeNode != null && !modeNode.isNull()) {
                totalCountMode = totalCountMode(modeNode);
            }
            JsonNode limitNode = body.get("limit");
            if (limitNode != null && !limitNode.isNull()) {
                Optional<Integer> given = checkedLimit(limitNode, errors);
                if (given.isPresent()) {
                    limit = given.get();
                }
            }
            JsonNode pageNode = body.get("page");
            if (pageNode != null && !pageNode.isNull()) {
                offset = offset(pageNode, limitNode, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new SimulatorException(ShopwareErrors.response(400, errors.toArray(ObjectNode[]::new)));
        }
        Criteria criteria = new Criteria(body, offset, limit, totalCountMode, associationTree(body.path("associations")));
        criteria.ids.addAll(ids);
        body.path("includes").fields().forEachRemaining(e -> {
            Set<String> fields = new HashSet<>();
            e.getValue().forEach(f -> fields.add(f.asText()));
            criteria.includes.put(e.getKey(), fields);
        });
        body.path("filter").forEach(Criteria::checkFilter);
        return criteria;
    }

    /** {@code RequestCriteriaBuilder::addTotalCountMode}: a number outside 0–2, or an unknown word, is none. */
    private static int totalCountMode(JsonNode mode) {
        String text = mode.asText();
        if (mode.isNumber() || NUMERIC.matcher(text).matches()) {
            int value = (int) Double.parseDouble(text);
            return value < TOTAL_COUNT_NONE || value > TOTAL_COUNT_NEXT_PAGES ? TOTAL_COUNT_NONE : value;
        }
        return switch (text) {
            case "exact" -> TOTAL_COUNT_EXACT;
            case "next-pages" -> TOTAL_COUNT_NEXT_PAGES;
            default -> TOTAL_COUNT_NONE;
        };
    }

    /** PHP's {@code is_numeric} for the JSON values a client sends: numbers, and text that reads as a number. */
    private static boolean phpNumeric(JsonNode n) {
        return n.isNumber() || n.isTextual() && NUMERIC.matcher(n.asText().trim()).matches();
    }

    /** PHP's {@code (int)} cast of a numeric value (towards zero); 0 for anything else. */
    private static int phpInt(JsonNode n) {
        if (n == null || n.isNull() || !phpNumeric(n)) {
            return 0;
        }
        double d = Double.parseDouble(n.asText().trim());
        return d >= Integer.MAX_VALUE ? Integer.MAX_VALUE : d <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d;
    }

    /** {@code RequestCriteriaBuilder::addLimit}: the limit, or empty after recording why it was refused. */
    private static Optional<Integer> checkedLimit(JsonNode limitNode, List<ObjectNode> errors) {
        if (limitNode.isTextual() && limitNode.asText().isEmpty()) {
            errors.add(requestError("FRAMEWORK__INVALID_LIMIT_QUERY", LIMIT_DETAIL + "(empty)", "/limit", "limit", "(empty)"));
            return Optional.empty();
        }
        if (!phpNumeric(limitNode)) {
            errors.add(requestError("FRAMEWORK__INVALID_LIMIT_QUERY", LIMIT_DETAIL + limitNode.asText(), "/limit", "limit",
                    limitNode.asText()));
            return Optional.empty();
        }
        int limit = phpInt(limitNode);
        if (limit <= 0) {
            errors.add(requestError("FRAMEWORK__INVALID_LIMIT_QUERY", LIMIT_DETAIL + limit, "/limit", "limit", Integer.toString(limit)));
            return Optional.empty();
        }
        if (limit > MAX_LIMIT) {
            ObjectNode e = ShopwareErrors.error(400, "FRAMEWORK__QUERY_LIMIT_EXCEEDED", "Bad Request",
                    "The limit must be lower than or equal to MAX_LIMIT(=" + MAX_LIMIT + "). Given: " + limit);
            e.putObject("source").put("pointer", "/limit");
            e.putObject("meta").putObject("parameters").put("maxLimit", MAX_LIMIT).put("limit", limit);
            errors.add(e);
            return Optional.empty();
        }
        return Optional.of(limit);
    }

    /** {@code RequestCriteriaBuilder::setPage}: the offset, the request's own limit (0 when it sent none) × (page − 1). */
    private static int offset(JsonNode pageNode, JsonNode limitNode, List<ObjectNode> errors) {
        if (pageNode.isTextual() && pageNode.asText().isEmpty()) {
            errors.add(requestError("FRAMEWORK__INVALID_PAGE_QUERY", PAGE_DETAIL + "(empty)", "/page", "page", "(empty)"));
            return 0;
        }
        if (!phpNumeric(pageNode)) {
            errors.add(requestError("FRAMEWORK__INVALID_PAGE_QUERY", PAGE_DETAIL + pageNode.asText(), "/page", "page",
                    pageNode.asText()));
            return 0;
        }
        int page = phpInt(pageNode);
        if (page <= 0) {
            errors.add(requestError("FRAMEWORK__INVALID_PAGE_QUERY", PAGE_DETAIL + page, "/page", "page", Integer.toString(page)));
            return 0;
        }
        long offset = (long) phpInt(limitNode) * (page - 1);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, offset));
    }

    private static final String LIMIT_DETAIL = "The limit parameter must be a positive integer greater or equals than 1. Given: ";
    private static final String PAGE_DETAIL = "The page parameter must be a positive integer. Given: ";

    /** One entry of a {@code SearchRequestException}: its code, detail, pointer and the exception's parameter. */
    private static ObjectNode requestError(String code, String detail, String pointer, String parameter, String value) {
        ObjectNode e = ShopwareErrors.error(400, code, "Bad Request", detail);
        e.putObject("source").put("pointer", pointer);
        e.putObject("meta").putObject("parameters").put(parameter, value);
        return e;
    }

    /** Criteria from a GET's query, e.g. {@code associations[deliveries][associations][shippingMethod][]=}. */
    static Criteria fromQuery(Map<String, String> query) {
        ObjectNode body = SimJson.object();
        ObjectNode associations = body.putObject("associations");
        for (String key : query.keySet()) {
            if (!key.startsWith("associations[")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String part : key.substring("associations".length()).split("]")) {
                String name = part.startsWith("[") ? part.substring(1) : part;
                if (!name.isEmpty() && !name.equals("associations")) {
                    names.add(name);
                }
            }
            ObjectNode at = associations;
            for (String name : names) {
                ObjectNode next = at.has(name) ? (ObjectNode) at.get(name) : at.putObject(name);
                at = next.has("associations") ? (ObjectNode) next.get("associations") : next.putObject("associations");
            }
        }
        return parse(body);
    }

    private static Map<String, Object> associationTree(JsonNode node) {
        Map<String, Object> tree = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String[] dotted = e.getKey().split("\\.");
            Map<String, Object> at = tree;
            for (int i = 0; i < dotted.length - 1; i++) {
                at = subtree(at, dotted[i]);
            }
            Map<String, Object> leaf = subtree(at, dotted[dotted.length - 1]);
            leaf.putAll(associationTree(e.getValue().path("associations")));
        });
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subtree(Map<String, Object> at, String name) {
        return (Map<String, Object>) at.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    private static void checkFilter(JsonNode filter) {
        String type = filter.path("type").asText();
        switch (type) {
            case "equals", "equalsAny", "range", "contains", "prefix", "suffix" -> {
                if (!filter.path("field").isTextual()) {
                    throw SimulatorException.badRequest("FRAMEWORK__INVALID_FILTER_QUERY",
                            "Parameter \"field\" for " + type + " filter is missing.");
                }
            }
            case "multi", "not" -> filter.path("queries").forEach(Criteria::checkFilter);
            default -> throw SimulatorException.badRequest("FRAMEWORK__INVALID_FILTER_QUERY",
                    "Unsupported filter type: " + type);
        }
    }

    /** The search: filter, sort and page; answers {@code {"total","data","aggregations"}}. */
    ObjectNode search(String entity, List<ObjectNode> documents) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode doc : documents) {
            if ((ids.isEmpty() || ids.contains(doc.path("id").asText())) && matchesAll(entity, doc)) {
                matching.add(doc);
            }
        }
        sort(entity, matching);
        int from = Math.min(matching.size(), offset);
        int to = limit == null ? matching.size() : (int) Math.min(matching.size(), (long) from + limit);
        ObjectNode result = SimJson.object();
        // EntitySearcher::search/getTotalCount: exact counts every match; next-pages fetches up to limit × 6 + 1 rows from
        // the offset and counts those; none counts the rows returned
        int total = switch (totalCountMode) {
            case TOTAL_COUNT_EXACT -> matching.size();
            case TOTAL_COUNT_NEXT_PAGES -> (int) Math.min(matching.size() - from, (long) limit * 6 + 1);
            default -> to - from;
        };
        result.put("total", total);
        ArrayNode data = result.putArray("data");
        matching.subList(from, to).forEach(doc -> data.add(shape(doc)));
        result.putArray("aggregations");
        return result;
    }

    /** A document as returned: only the requested associations, only the included fields. */
    ObjectNode shape(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        prune(copy, associations);
        applyIncludes(copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void prune(ObjectNode doc, Map<String, Object> requested) {
        Map<String, String> known = ASSOCIATIONS.getOrDefault(doc.path("apiAlias").asText(), Map.of());
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!known.containsKey(field.getKey())) {
                continue;
            }
            Object sub = requested.get(field.getKey());
            if (sub == null) {
                fields.remove();
            } else if (field.getValue().isObject()) {
                prune((ObjectNode) field.getValue(), (Map<String, Object>) sub);
            } else if (field.getValue().isArray()) {
                field.getValue().forEach(e -> {
                    if (e.isObject()) {
                        prune((ObjectNode) e, (Map<String, Object>) sub);
                    }
                });
            }
        }
    }

    private void applyIncludes(JsonNode node) {
        if (includes.isEmpty()) {
            return;
        }
        if (node.isObject()) {
            Set<String> keep = includes.get(node.path("apiAlias").asText());
            if (keep != null) {
                ((ObjectNode) node).retain(withAlias(keep));
            }
            node.forEach(this::applyIncludes);
        } else if (node.isArray()) {
            node.forEach(this::applyIncludes);
        }
    }

    private static Set<String> withAlias(Set<String> fields) {
        Set<String> keep = new HashSet<>(fields);
        keep.add("apiAlias");
        return keep;
    }

    /** The entity names a request for these associations reads (for the privilege check). */
    static Set<String> entitiesRead(String entity, Map<String, Object> tree) {
        Set<String> out = new HashSet<>();
        collect(entity, tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String entity, Map<String, Object> tree, Set<String> out) {
        out.add(entity);
        Map<String, String> known = ASSOCIATIONS.getOrDefault(entity, Map.of());
        tree.forEach((name, sub) -> {
            String target = known.get(name);
            if (target != null) {
                collect(target, (Map<String, Object>) sub, out);
            }
        });
    }

    private boolean matchesAll(String entity, ObjectNode doc) {
        for (JsonNode filter : body.path("filter")) {
            if (!matches(entity, doc, filter)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(String entity, ObjectNode doc, JsonNode filter) {
        String type = filter.path("type").asText();
        if (type.equals("multi") || type.equals("not")) {
            boolean or = filter.path("operator").asText("and").equalsIgnoreCase("or");
            boolean result = !or;
            for (JsonNode q : filter.path("queries")) {
                boolean m = matches(entity, doc, q);
                result = or ? result || m : result && m;
            }
            return type.equals("not") ? !result : result;
        }
        List<JsonNode> values = values(doc, fieldPath(entity, filter.path("field").asText()));
        JsonNode expected = filter.path("value");
        return switch (type) {
            case "equals" -> expected.isNull() ? values.isEmpty() || values.stream().allMatch(JsonNode::isNull)
                    : values.stream().anyMatch(v -> same(v, expected));
            case "equalsAny" -> {
                List<JsonNode> options = new ArrayList<>();
                if (expected.isArray()) {
                    expected.forEach(options::add);
                } else {
                    for (String s : expected.asText().split("\\|")) {
                        options.add(SimJson.MAPPER.getNodeFactory().textNode(s));
                    }
                }
                yield values.stream().anyMatch(v -> options.stream().anyMatch(o -> same(v, o)));
            }
            case "range" -> values.stream().anyMatch(v -> inRange(v, filter.path("parameters")));
            case "contains" -> values.stream().anyMatch(v -> v.asText().contains(expected.asText()));
            case "prefix" -> values.stream().anyMatch(v -> v.asText().startsWith(expected.asText()));
            case "suffix" -> values.stream().anyMatch(v -> v.asText().endsWith(expected.asText()));
            default -> false;
        };
    }

    private static String fieldPath(String entity, String field) {
        String camel = toCamel(entity);
        return field.startsWith(entity + ".") ? field.substring(entity.length() + 1)
                : field.startsWith(camel + ".") ? field.substring(camel.length() + 1) : field;
    }

    private static String toCamel(String entity) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : entity.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return s.toString();
    }

    static List<JsonNode> values(JsonNode doc, String path) {
        List<JsonNode> current = List.of(doc);
        for (String part : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.get(part);
                if (child == null) {
                    continue;
                }
                if (child.isArray()) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && (expected.isNumber() || isNumeric(expected))) {
            return actual.decimalValue().compareTo(new BigDecimal(expected.asText())) == 0;
        }
        if (actual.isBoolean()) {
            return actual.asBoolean() == (expected.isBoolean() ? expected.asBoolean()
                    : expected.asText().equals("1") || expected.asText().equalsIgnoreCase("true"));
        }
        return actual.asText().equals(expected.asText());
    }

    private static boolean isNumeric(JsonNode n) {
        return n.isTextual() && NUMERIC.matcher(n.asText()).matches();
    }

    private static boolean inRange(JsonNode v, JsonNode parameters) {
        Comparator<JsonNode> order = Criteria::compare;
        boolean ok = true;
        if (parameters.has("gte")) {
            ok &= order.compare(v, parameters.get("gte")) >= 0;
        }
        if (parameters.has("gt")) {
            ok &= order.compare(v, parameters.get("gt")) > 0;
        }
        if (parameters.has("lte")) {
            ok &= order.compare(v, parameters.get("lte")) <= 0;
        }
        if (parameters.has("lt")) {
            ok &= order.compare(v, parameters.get("lt")) < 0;
        }
        return ok;
    }

    /** A value as {@link #compare} orders it, worked out once: numbers as numbers, date-times as instants, else text. */
    private record SortValue(boolean isNull, BigDecimal number, Instant time, String text) {
        static SortValue of(JsonNode n) {
            if (n == null || n.isNull()) {
                return new SortValue(true, null, null, null);
            }
            BigDecimal number = n.isNumber() || isNumeric(n) ? new BigDecimal(n.asText()) : null;
            return new SortValue(false, number, number == null ? dateTime(n.asText()).orElse(null) : null, n.asText());
        }

        int compareTo(SortValue o) {
            if (isNull) {
                return o.isNull ? 0 : -1;
            }
            if (o.isNull) {
                return 1;
            }
            if (number != null && o.number != null) {
                return number.compareTo(o.number);
            }
            if (time != null && o.time != null) {
                return time.compareTo(o.time);
            }
            return text.compareTo(o.text);
        }
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if ((a.isNumber() || isNumeric(a)) && (b.isNumber() || isNumeric(b))) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        Optional<Instant> at = dateTime(a.asText());
        Optional<Instant> bt = dateTime(b.asText());
        if (at.isPresent() && bt.isPresent()) {
            return at.get().compareTo(bt.get());
        }
        return a.asText().compareTo(b.asText());
    }

    /** Date fields compare as points in time, as in Shopware's database (stored in UTC; any ISO offset accepted). */
    private static Optional<Instant> dateTime(String text) {
        if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(10) != 'T' && text.charAt(10) != ' ') {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private void sort(String entity, List<ObjectNode> docs) {
        List<String> paths = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (JsonNode s : body.path("sort")) {
            paths.add(fieldPath(entity, s.path("field").asText()));
            descending.add(s.path("order").asText("ASC").equalsIgnoreCase("DESC"));
        }
        if (paths.isEmpty()) {
            return;
        }
        // each document's sort values read once, not once per comparison (a page of a big catalogue sorts it whole)
        Map<ObjectNode, SortValue[]> keys = new IdentityHashMap<>();
        for (ObjectNode doc : docs) {
            SortValue[] key = new SortValue[paths.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = SortValue.of(first(doc, paths.get(i)));
            }
            keys.put(doc, key);
        }
        docs.sort((x, y) -> {
            SortValue[] kx = keys.get(x);
            SortValue[] ky = keys.get(y);
            for (int i = 0; i < kx.length; i++) {
                int c = kx[i].compareTo(ky[i]);
                if (c != 0) {
                    return descending.get(i) ? -c : c;
                }
            }
            return 0;
        });
    }

    private static JsonNode first(ObjectNode doc, String path) {
        List<JsonNode> values = values(doc, path);
        return values.isEmpty() ? null : values.get(0);
    }
}
