package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Customer returns as KCC imports them from the channel's {@code CReturnDownload} (the spec, khaoscontrol/kcc-web-services
 * README.md: "Customer Return Download" L1814–1991, {@code CustomerReturn} L850–868, {@code CustomerReturnItem} L958–970,
 * {@code SourceReturnReference}/{@code SourceOrder} L874–887, {@code CustomerReturnImportConfig} L986–1012). A return
 * names an existing customer account by {@code URN} ("must be an existing customer account in Khaos Control"), each
 * returned item a {@code ReturnReason} from those the Khaos administrator configured, and optionally the original
 * sales order it comes from. The simulator also refuses what Khaos would have to refuse to keep its books straight:
 * more units of an item back from an order than the order despatched. A processed return puts its units back into
 * stock at the site they left from (site 1 without a source order).
 *
 * <p>Where the spec disagrees with itself, the simulator offers each reading as a setting: the item's source reference
 * ({@code returnSourceReference}: the table's {@code SourceReference.SourceOrder.<one field>}, the maintained PHP
 * sample's bare {@code SourceReference.<one field>}, or either). {@code Returns} must be an array (the table; the README's
 * example shows one object), {@code ApiVersion} 1000. Exchange items are not modelled and are refused.
 */
final class KccReturns {
    /** Reasons as a Khaos administrator might configure them (the spec lists none: "check which values are applicable"). */
    static final List<Reason> REASONS = List.of(new Reason("1", "FAULTY", "Faulty"), new Reason("2", "DAMAGED", "Damaged in transit"),
            new Reason("3", "NOT-AS-DESCRIBED", "Not as described"), new Reason("4", "WRONG-ITEM", "Wrong item sent"),
            new Reason("5", "NOT-WANTED", "No longer wanted"), new Reason("6", "OTHER", "Other"));
    static final Set<String> MATCH_FIELDS = Set.of("CompanyName", "Address1", "Address2", "Address3", "Town", "Postcode", "Surname",
            "Forename", "Telephone", "Email", "CompanyCode", "UseDeliveryAddress");
    private static final Set<String> SOURCE_FIELDS = Set.of("AssociatedRef", "SOrderID", "SOrderCode", "SOrderItemID");

    /** A return reason the administrator configured. */
    record Reason(String id, String code, String name) {
        boolean matches(JsonNode dataItem) {
            return id.equals(dataItem.path("ID").asText(null)) || code.equalsIgnoreCase(dataItem.path("Code").asText(""))
                    || name.equalsIgnoreCase(dataItem.path("Name").asText(""));
        }
    }

    /** Which shape of an item's source reference Khaos takes. */
    enum SourceShape implements SettingChoice {
        EITHER("either"), WRAPPED("wrapped"), BARE("bare");

        private final String setting;

        SourceShape(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** One imported return. */
    static final class KccReturn {
        final String returnId;
        final String returnCode;
        final String associatedRef;
        final String urn;
        final Instant importedAt;
        final List<Item> items = new ArrayList<>();
        final JsonNode received;
        Instant processedAt;

        KccReturn(String returnId, String returnCode, String associatedRef, String urn, Instant importedAt, JsonNode received) {
            this.returnId = returnId;
            this.returnCode = returnCode;
            this.associatedRef = associatedRef;
            this.urn = urn;
            this.importedAt = importedAt;
            this.received = received;
        }

        ObjectNode toJson() {
            ObjectNode r = SimJson.object().put("returnId", returnId).put("returnCode", returnCode).put("associatedRef", associatedRef)
                    .put("urn", urn).put("importedAt", importedAt.toString())
                    .put("status", processedAt == null ? "Awaiting processing" : "Processed")
                    .put("processedAt", processedAt == null ? "" : processedAt.toString());
            ArrayNode list = r.putArray("items");
            items.forEach(i -> list.addObject().put("sku", i.sku).put("stockCode", i.stockCode).put("quantity", i.quantity)
                    .put("reason", i.reason.name()).put("sourceOrder", i.sourceOrder == null ? "" : i.sourceOrder.associatedRef)
                    .put("sourceOrderCode", i.sourceOrder == null ? "" : i.sourceOrder.orderCode).put("site", i.site)
                    .put("unitGross", i.unitGross == null ? "" : i.unitGross));
            return r;
        }
    }

    /** One returned item as imported. */
    record Item(String sku, String stockId, String stockCode, double quantity, Reason reason, KccOrder sourceOrder, int site,
                String unitGross) {
    }

    /** What a return's checks found: its problems, or the items to import. */
    record Decision(List<String> problems, List<Item> items) {
    }

    private final KccCatalogue catalogue;

    KccReturns(KccCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The download's {@code Config}: optional; when sent, MatchAddressOn and MatchContactOn from the spec's values. */
    static List<String> checkConfig(JsonNode config) {
        List<String> problems = new ArrayList<>();
        if (config.isMissingNode()) {
            return problems;
        }
        if (!config.isObject()) {
            problems.add("Config must be a CustomerReturnImportConfig object");
            return problems;
        }
        for (String field : List.of("MatchAddressOn", "MatchContactOn")) {
            JsonNode list = config.path(field);
            if (!list.isArray() || list.isEmpty()) {
                problems.add("Config." + field + " is required (a list of " + MATCH_FIELDS + ")");
                continue;
            }
            list.forEach(v -> {
                if (!MATCH_FIELDS.contains(v.asText())) {
                    problems.add("Config." + field + " \"" + v.asText() + "\" is not one of " + MATCH_FIELDS);
                }
            });
        }
        return problems;
    }

    /**
     * Checks one CustomerReturn against the spec and Khaos's books (caller holds the simulator's lock).
     *
     * @param alreadyImported whether a return of this AssociatedRef was imported (a repeat is refused when so)
     * @param accounts        the customer accounts by URN
     * @param orders          the imported sales orders
     * @param returned        units already returned per "orderCode#stockId"
     */
    Decision check(JsonNode ret, boolean alreadyImported, Set<String> accounts, Collection<KccOrder> orders,
                   Map<String, Double> returned, SourceShape shape) {
        List<String> problems = new ArrayList<>();
        SalesOrderValidator.findNulls(ret, "CustomerReturn", problems);
        String ref = ret.path("AssociatedRef").asText("");
        if (ref.isBlank()) {
            problems.add("AssociatedRef is required");
        } else if (alreadyImported) {
            problems.add("AssociatedRef \"" + ref + "\" was already imported from this channel (it must be unique amongst its returns)");
        }
        try {
            LocalDateTime.parse(ret.path("CreatedDate").asText(""));
        } catch (DateTimeParseException e) {
            problems.add("CreatedDate must be a DateTime like 2018-01-18T12:20:48, was \"" + ret.path("CreatedDate").asText("") + "\"");
        }
        String urn = ret.path("URN").asText("");
        if (urn.isBlank()) {
            problems.add("URN is required");
        } else if (!accounts.contains(urn)) {
            problems.add("URN \"" + urn + "\" is not a customer account in Khaos");
        }
        if (!ret.path("InvoiceAddress").isObject()) {
            problems.add("InvoiceAddress is required");
        }
        SalesOrderValidator.checkAddress(ret.path("InvoiceAddress"), "InvoiceAddress", problems);
        if (!ret.path("InvoiceContact").isObject()) {
            problems.add("InvoiceContact is required");
        }
        SalesOrderValidator.checkContact(ret.path("InvoiceContact"), "InvoiceContact", problems);
        SalesOrderValidator.checkAddress(ret.path("DeliveryAddress"), "DeliveryAddress", problems);
        SalesOrderValidator.checkContact(ret.path("DeliveryContact"), "DeliveryContact", problems);
        if (ret.has("ProcessReturn") && !ret.path("ProcessReturn").isBoolean()) {
            problems.add("ProcessReturn must be true or false");
        }
        if (ret.has("Notes") && !ret.path("Notes").isTextual()) {
            problems.add("Notes must be a string");
        }
        if (ret.path("ExchangeItems").size() > 0) {
            problems.add("ExchangeItems are not modelled by the simulator");
        }
        JsonNode items = ret.path("ReturnedItems");
        if (!items.isArray() || items.isEmpty()) {
            problems.add("ReturnedItems must list the items coming back");
            return new Decision(problems, List.of());
        }
        List<Item> accepted = new ArrayList<>();
        Map<String, Double> adding = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            checkItem(items.get(i), "ReturnedItems[" + i + "]", orders, returned, adding, shape, problems).ifPresent(accepted::add);
        }
        return new Decision(problems, problems.isEmpty() ? accepted : List.of());
    }

    private Optional<Item> checkItem(JsonNode item, String at, Collection<KccOrder> orders, Map<String, Double> returned,
                                     Map<String, Double> adding, SourceShape shape, List<String> problems) {
        int before = problems.size();
        String sku = item.path("SKU").asText("");
        if (sku.isBlank()) {
            problems.add(at + ".SKU is required");
        }
        JsonNode quantityNode = item.path("Quantity");
        double quantity = quantityNode.asDouble();
        if (!quantityNode.isNumber() || quantity <= 0 || quantity != Math.rint(quantity)) {
            problems.add(at + ".Quantity must be a whole number above 0 (the spec: no fractions unless the Khaos user asks)");
        }
        Optional<Reason> reason = REASONS.stream().filter(r -> r.matches(item.path("ReturnReason"))).findFirst();
        if (!item.path("ReturnReason").isObject()) {
            problems.add(at + ".ReturnReason is required (a DataItem)");
        } else if (reason.isEmpty()) {
            problems.add(at + ".ReturnReason " + item.path("ReturnReason") + " is not a reason the Khaos administrator configured: "
                    + REASONS.stream().map(r -> r.id() + " " + r.name()).toList());
        }
        if (item.has("UnitPrice")) {
            JsonNode price = item.path("UnitPrice");
            if (!price.isObject() || !(price.path("Net").isNumber() || price.path("Gross").isNumber())) {
                problems.add(at + ".UnitPrice needs a Net or a Gross number");
            }
        }
        Optional<KccItem> stock = findItem(sku, item.path("Mapping"), at, problems);
        Optional<Source> source = source(item, at, orders, shape, problems);
        if (problems.size() > before || stock.isEmpty()) {
            return Optional.empty();
        }
        KccOrder order = source.map(Source::order).orElse(null);
        int site = 1;
        if (order != null) {
            List<KccOrder.Line> lines = order.lines.stream().filter(l -> l.stockId.equals(stock.get().stockId))
                    .filter(l -> source.get().line() == null || source.get().line() == l).toList();
            if (lines.isEmpty()) {
                problems.add(at + ": " + sku + " is not on order " + order.orderCode);
                return Optional.empty();
            }
            site = lines.get(0).site;
            double despatched = lines.stream().mapToDouble(l -> l.despatched).sum();
            String key = order.orderCode + "#" + stock.get().stockId;
            double already = returned.getOrDefault(key, 0.0) + adding.getOrDefault(key, 0.0);
            if (already + quantity > despatched) {
                problems.add(at + ": " + fmt(quantity) + " × " + sku + " back from " + order.orderCode + ", which despatched "
                        + fmt(despatched) + (already > 0 ? " and has " + fmt(already) + " back already" : ""));
                return Optional.empty();
            }
            adding.merge(key, quantity, Double::sum);
        }
        JsonNode price = item.path("UnitPrice");
        String unitGross = price.path("Gross").isNumber() ? price.path("Gross").decimalValue().toPlainString() : null;
        return Optional.of(new Item(sku, stock.get().stockId, stock.get().stockCode, quantity, reason.get(), order, site, unitGross));
    }

    /** Mapping: a list of ItemMapping ({@code {"Mapping":"StockCode"}}), tried in turn; none given: Automatic. */
    private Optional<KccItem> findItem(String sku, JsonNode mappings, String at, List<String> problems) {
        if (sku.isBlank()) {
            return Optional.empty();
        }
        List<String> tried = new ArrayList<>();
        if (!mappings.isMissingNode() && !mappings.isArray()) {
            problems.add(at + ".Mapping must be a list of ItemMapping ({\"Mapping\":\"StockCode\"}), not " + mappings);
            return Optional.empty();
        }
        for (JsonNode m : mappings) {
            String mapping = m.path("Mapping").asText("");
            if (!SalesOrderValidator.MAPPINGS.contains(mapping)) {
                problems.add(at + ".Mapping[].Mapping must be one of " + SalesOrderValidator.MAPPINGS);
                return Optional.empty();
            }
            tried.add(mapping);
            Optional<KccItem> found = catalogue.find(sku, mapping);
            if (found.isPresent()) {
                return found;
            }
        }
        if (tried.isEmpty()) {
            Optional<KccItem> found = catalogue.find(sku, "Automatic");
            if (found.isPresent()) {
                return found;
            }
        }
        problems.add(at + ": no stock item " + sku + " found by " + (tried.isEmpty() ? List.of("Automatic") : tried));
        return Optional.empty();
    }

    private record Source(KccOrder order, KccOrder.Line line) {
    }

    private static Optional<Source> source(JsonNode item, String at, Collection<KccOrder> orders, SourceShape shape,
                                           List<String> problems) {
        if (item.has("SourceReturnReference")) {
            problems.add(at + ".SourceReturnReference is the README example's old name; the table and the sample say SourceReference");
            return Optional.empty();
        }
        if (!item.has("SourceReference")) {
            return Optional.empty();
        }
        JsonNode reference = item.path("SourceReference");
        boolean wrapped = reference.has("SourceOrder");
        if (wrapped && shape == SourceShape.BARE || !wrapped && shape == SourceShape.WRAPPED) {
            problems.add(at + ".SourceReference must be " + (shape == SourceShape.BARE ? "{\"SOrderID\":…} (one field, no SourceOrder)"
                    : "{\"SourceOrder\":{\"SOrderID\":…}} (one field inside SourceOrder)"));
            return Optional.empty();
        }
        JsonNode fields = wrapped ? reference.path("SourceOrder") : reference;
        List<String> given = new ArrayList<>();
        fields.fieldNames().forEachRemaining(given::add);
        if (given.size() != 1 || !SOURCE_FIELDS.contains(given.get(0))) {
            problems.add(at + ".SourceReference needs exactly one of " + SOURCE_FIELDS + " (OneOf), had " + given);
            return Optional.empty();
        }
        String field = given.get(0);
        String value = fields.path(field).asText("");
        for (KccOrder order : orders) {
            switch (field) {
                case "AssociatedRef" -> {
                    if (order.associatedRef.equals(value)) {
                        return Optional.of(new Source(order, null));
                    }
                }
                case "SOrderID" -> {
                    if (order.orderId.equals(value)) {
                        return Optional.of(new Source(order, null));
                    }
                }
                case "SOrderCode" -> {
                    if (order.orderCode.equalsIgnoreCase(value)) {
                        return Optional.of(new Source(order, null));
                    }
                }
                default -> {
                    for (KccOrder.Line line : order.lines) {
                        if (line.orderItemId.equals(value)) {
                            return Optional.of(new Source(order, line));
                        }
                    }
                }
            }
        }
        problems.add(at + ".SourceReference " + field + " \"" + value + "\" names no sales order in Khaos");
        return Optional.empty();
    }

    private static String fmt(double quantity) {
        return quantity == Math.rint(quantity) ? Long.toString((long) quantity) : Double.toString(quantity);
    }

    static String normalisedEmail(JsonNode contact) {
        return contact.path("Email").asText("").strip().toLowerCase(Locale.ROOT);
    }
}
