package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a {@code SalesOrder} the way Khaos Control Cloud's importer does, following the vendor's spec
 * (khaoscontrol/kcc-web-services README, "Types & Objects"): required fields, no nulls, the maximum
 * lengths of Customer/Address/Contact fields, DataItems, enumerations, payments, stock codes found by
 * the line's Mapping, and discontinued / run-to-zero items handled by {@code OrderImportConfig}.
 */
final class SalesOrderValidator {
    static final Set<String> CREATE_NEW = Set.of("IfNoMatch", "Always", "Never");
    static final Set<String> MAPPINGS = Set.of("StockCode", "OtherRef", "Barcode", "WebCode", "Automatic");
    static final Set<String> POLICIES = Set.of("Abort", "ImportAndHold", "Skip");
    static final Set<String> DESCRIPTION_SOURCES = Set.of("Explicit", "StockDesc", "WebCategories");
    static final Set<String> MATCH_COMPANY = Set.of("Address1", "Address2", "Address3", "Town", "Postcode", "Surname",
            "Forename", "Telephone", "Email", "CompanyCode", "UseDeliveryAddress");
    static final Set<String> MATCH_ADDRESS = Set.of("Address1", "Address2", "Address3", "Town", "Postcode");
    static final Set<String> MATCH_CONTACT = Set.of("Surname", "Forename", "Telephone", "Email");
    static final List<String> PAYMENT_KINDS = List.of("Cash", "Cheque", "Card", "Voucher", "BACS");
    private static final Map<String, Integer> CUSTOMER_LENGTHS = Map.of("OtherRef", 50, "WebUser", 50, "CompanyName", 50,
            "WebsiteUrl", 50, "TaxReference", 20);
    static final Map<String, Integer> ADDRESS_LENGTHS = Map.of("Line1", 35, "Line2", 35, "Line3", 35, "Town", 35,
            "County", 35, "Postcode", 10, "Email", 100, "Telephone", 25, "Fax", 25, "Organisation", 50);
    private static final Map<String, Integer> CONTACT_LENGTHS = Map.of("Title", 20, "Forename", 50, "Surname", 50,
            "Email", 100, "Mobile", 30);

    /** A line that will be imported: the KCC item it maps to and where it is fulfilled from. */
    record AcceptedLine(JsonNode item, KccItem stock, int site, double quantity) {
    }

    /** The importer's verdict on one order. */
    record Decision(List<String> problems, List<AcceptedLine> lines, List<String> skipped, boolean hold, int site,
                    KccCatalogue.Courier courier) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final KccCatalogue catalogue;
    private final KccStock stock;

    SalesOrderValidator(KccCatalogue catalogue, KccStock stock) {
        this.catalogue = catalogue;
        this.stock = stock;
    }

    /** Problems with the download's {@code Config} (OrderImportConfig); they stop every order of the download. */
    static List<String> checkConfig(JsonNode config) {
        List<String> problems = new ArrayList<>();
        if (config.isMissingNode()) {
            return problems;
        }
        if (!config.isObject()) {
            problems.add("Config must be an OrderImportConfig object");
            return problems;
        }
        checkMatchList(config, "MatchCompanyOn", MATCH_COMPANY, problems);
        checkMatchList(config, "MatchAddressOn", MATCH_ADDRESS, problems);
        checkMatchList(config, "MatchContactOn", MATCH_CONTACT, problems);
        for (String policy : List.of("DiscontinuedItems", "RunToZeroErrorItems")) {
            JsonNode value = config.path(policy);
            if (!value.isMissingNode() && !POLICIES.contains(value.asText())) {
                problems.add("Config." + policy + " must be one of " + POLICIES + ", was \"" + value.asText() + "\"");
            }
        }
        return problems;
    }

    private static void checkMatchList(JsonNode config, String field, Set<String> allowed, List<String> problems) {
        JsonNode list = config.path(field);
        if (!list.isArray()) {
            problems.add("Config." + field + " is required (a list) when Config is sent");
            return;
        }
        list.forEach(v -> {
            if (!allowed.contains(v.asText())) {
                problems.add("Config." + field + " has \"" + v.asText() + "\"; allowed: " + allowed);
            }
        });
    }

    Decision check(JsonNode order, JsonNode config, Predicate<String> alreadyImported) {
        List<String> problems = new ArrayList<>();
        findNulls(order, "SalesOrder", problems);
        if (!order.isObject()) {
            problems.add("SalesOrder must be an object");
            return new Decision(problems, List.of(), List.of(), false, 1, null);
        }
        for (String required : List.of("Customer", "InvoiceAddress", "InvoiceContact", "Header", "Items")) {
            if (!order.hasNonNull(required)) {
                problems.add(required + " is required");
            }
        }
        checkCustomer(order.path("Customer"), problems);
        checkAddress(order.path("InvoiceAddress"), "InvoiceAddress", problems);
        checkContact(order.path("InvoiceContact"), "InvoiceContact", problems);
        if (order.has("DeliveryAddress")) {
            checkAddress(order.path("DeliveryAddress"), "DeliveryAddress", problems);
        }
        if (order.has("DeliveryContact")) {
            checkContact(order.path("DeliveryContact"), "DeliveryContact", problems);
        }
        JsonNode header = order.path("Header");
        int site = checkHeader(header, alreadyImported, problems);
        KccCatalogue.Courier courier = courier(header.path("Courier"), problems);
        checkPayments(order.path("Payments"), problems);

        String discontinuedPolicy = config.path("DiscontinuedItems").asText("Abort");
        String runToZeroPolicy = config.path("RunToZeroErrorItems").asText("Abort");
        List<AcceptedLine> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean hold = false;
        JsonNode items = order.path("Items");
        if (order.has("Items") && (!items.isArray() || items.isEmpty())) {
            problems.add("Items must be a list with at least one OrderItem");
        }
        for (int i = 0; items.isArray() && i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "Items[" + i + "]";
            Optional<KccItem> found = checkItem(item, at, problems);
            if (found.isEmpty()) {
                continue;
            }
            KccItem stockItem = found.get();
            int lineSite = item.has("Site") ? site(item.path("Site"), at + ".Site", problems) : site;
            double quantity = item.path("Quantity").asDouble();
            String policy = null;
            String why = null;
            if (stockItem.discontinued) {
                policy = discontinuedPolicy;
                why = stockItem.stockCode + " is discontinued";
            } else if (stockItem.runToZero && stockItem.stockControlled && quantity > stock.available(stockItem.stockId, lineSite)) {
                policy = runToZeroPolicy;
                why = stockItem.stockCode + " is run-to-zero and only " + Math.max(0, stock.available(stockItem.stockId, lineSite))
                        + " are available at site " + lineSite;
            }
            if (policy == null || policy.equals("ImportAndHold")) {
                hold |= policy != null;
                lines.add(new AcceptedLine(item, stockItem, lineSite, quantity));
            } else if (policy.equals("Skip")) {
                skipped.add(item.path("SKU").asText());
            } else {
                problems.add(at + ": " + why + " (" + (stockItem.discontinued ? "DiscontinuedItems" : "RunToZeroErrorItems")
                        + "=Abort)");
            }
        }
        if (problems.isEmpty() && lines.isEmpty()) {
            problems.add("no lines left to import after skipping " + skipped);
        }
        return new Decision(problems, lines, skipped, hold, site, courier);
    }

    static void findNulls(JsonNode node, String path, List<String> problems) {
        if (node.isNull()) {
            problems.add(path + " is null (KCC rejects nulls: leave the field out or send \"\")");
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                findNulls(field.getValue(), path + "." + field.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNulls(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void checkCustomer(JsonNode customer, List<String> problems) {
        if (!customer.isObject()) {
            return;
        }
        if (!CREATE_NEW.contains(customer.path("CreateNew").asText())) {
            problems.add("Customer.CreateNew must be one of " + CREATE_NEW);
        }
        requireDataItem(customer, "CompanyClass", "Customer", problems);
        requireDataItem(customer, "Currency", "Customer", problems);
        checkLengths(customer, CUSTOMER_LENGTHS, "Customer", problems);
        if (customer.has("URN") && customer.path("URN").asText().isBlank()) {
            problems.add("Customer.URN is blank (leave the tag out when the customer's URN is not known)");
        }
    }

    static void checkAddress(JsonNode address, String name, List<String> problems) {
        if (!address.isObject()) {
            return;
        }
        for (String required : List.of("Line1", "Town")) {
            if (address.path(required).asText("").isBlank()) {
                problems.add(name + "." + required + " is required");
            }
        }
        requireDataItem(address, "Country", name, problems);
        checkLengths(address, ADDRESS_LENGTHS, name, problems);
    }

    static void checkContact(JsonNode contact, String name, List<String> problems) {
        if (!contact.isObject()) {
            return;
        }
        if (contact.path("Forename").asText("").isBlank() && contact.path("Surname").asText("").isBlank()) {
            problems.add(name + " needs a Forename or a Surname");
        }
        checkLengths(contact, CONTACT_LENGTHS, name, problems);
    }

    private int checkHeader(JsonNode header, Predicate<String> alreadyImported, List<String> problems) {
        if (!header.isObject()) {
            return 1;
        }
        String ref = header.path("AssociatedRef").asText("");
        if (ref.isBlank()) {
            problems.add("Header.AssociatedRef is required");
        } else if (alreadyImported.test(ref)) {
            problems.add("Header.AssociatedRef \"" + ref + "\" was already imported from this channel (it must be unique)");
        }
        try {
            LocalDateTime.parse(header.path("OrderDate").asText(""));
        } catch (DateTimeParseException e) {
            problems.add("Header.OrderDate must be a DateTime like 2018-01-18T12:20:48 (RFC 3339 without offset), was \""
                    + header.path("OrderDate").asText("") + "\"");
        }
        int site = header.has("Site") ? site(header.path("Site"), "Header.Site", problems) : 1;
        if (!header.has("Site")) {
            problems.add("Header.Site is required");
        }
        JsonNode source = header.path("SalesSource");
        if (!source.isObject()) {
            problems.add("Header.SalesSource is required (a DataItem)");
        } else if (source.path("ID").asText("").isEmpty() && source.path("Name").asText("").isEmpty()
                && !source.path("Code").asText("").isEmpty()) {
            problems.add("Header.SalesSource does not support matching by Code");
        }
        if (!header.path("DiscountCodes").isArray()) {
            problems.add("Header.DiscountCodes is required (a list, may be empty)");
        }
        if (header.has("CalcMethod") && !Set.of(0, 1, 2).contains(header.path("CalcMethod").asInt(-1))) {
            problems.add("Header.CalcMethod must be 0 (auto), 1 (net) or 2 (gross)");
        }
        if (header.has("DeliveryCharge")) {
            checkPrice(header.path("DeliveryCharge"), "Header.DeliveryCharge", problems);
        }
        for (String number : List.of("GrossTotal", "DeliveryTaxAmount", "ValueDiscount")) {
            if (header.has(number) && !header.path(number).isNumber()) {
                problems.add("Header." + number + " must be a number");
            }
        }
        return site;
    }

    private int site(JsonNode dataItem, String at, List<String> problems) {
        String key = dataItem.path("ID").asText("").isEmpty() ? dataItem.path("Name").asText("") : dataItem.path("ID").asText();
        Optional<KccCatalogue.Site> site = catalogue.site(key);
        if (site.isEmpty()) {
            problems.add(at + " \"" + key + "\" is not a stock site in Khaos (sites: " + catalogue.sites + ")");
            return 1;
        }
        return site.get().id();
    }

    private KccCatalogue.Courier courier(JsonNode courier, List<String> problems) {
        if (!courier.isObject()) {
            return null;
        }
        String id = courier.path("ID").asText("");
        String code = courier.path("Code").asText("");
        String name = courier.path("Name").asText("");
        if (id.isEmpty() && code.isEmpty() && name.isEmpty()) {
            return null;
        }
        Optional<KccCatalogue.Courier> found = catalogue.courier(id, code, name);
        if (found.isEmpty()) {
            problems.add("Header.Courier " + courier + " is not a courier in Khaos");
        }
        return found.orElse(null);
    }

    private Optional<KccItem> checkItem(JsonNode item, String at, List<String> problems) {
        String sku = item.path("SKU").asText("");
        String mapping = item.path("Mapping").asText("");
        if (sku.isBlank()) {
            problems.add(at + ".SKU is required");
        }
        if (!MAPPINGS.contains(mapping)) {
            problems.add(at + ".Mapping must be one of " + MAPPINGS);
        }
        if (!item.path("Quantity").isNumber() || item.path("Quantity").asDouble() <= 0) {
            problems.add(at + ".Quantity must be a number above 0");
        }
        JsonNode extended = item.path("ExtendedDescription");
        if (!extended.isArray()) {
            problems.add(at + ".ExtendedDescription is required (a list of strings, may be empty)");
        } else {
            extended.forEach(line -> {
                if (!line.isTextual()) {
                    problems.add(at + ".ExtendedDescription must hold strings");
                }
            });
        }
        if (!item.has("UnitPrice")) {
            problems.add(at + ".UnitPrice is required");
        } else {
            checkPrice(item.path("UnitPrice"), at + ".UnitPrice", problems);
        }
        if (item.has("StockDescription")) {
            JsonNode description = item.path("StockDescription");
            if (!DESCRIPTION_SOURCES.contains(description.path("Source").asText()) || !description.path("Parameter").isTextual()) {
                problems.add(at + ".StockDescription needs Source (" + DESCRIPTION_SOURCES + ") and Parameter");
            }
        }
        if (sku.isBlank() || !MAPPINGS.contains(mapping)) {
            return Optional.empty();
        }
        Optional<KccItem> found = catalogue.find(sku, mapping);
        for (JsonNode alternate : item.path("AlternateMapping")) {
            if (found.isPresent()) {
                break;
            }
            found = catalogue.find(sku, alternate.path("Mapping").asText(""));
        }
        if (found.isEmpty()) {
            problems.add(at + ": no stock item found for SKU \"" + sku + "\" by " + mapping
                    + (item.path("AlternateMapping").isEmpty() ? "" : " or its alternate mappings"));
        }
        return found;
    }

    private static void checkPayments(JsonNode payments, List<String> problems) {
        if (payments.isMissingNode()) {
            return;
        }
        if (!payments.isArray()) {
            problems.add("Payments must be a list");
            return;
        }
        for (int i = 0; i < payments.size(); i++) {
            JsonNode payment = payments.get(i);
            String at = "Payments[" + i + "]";
            if (!payment.path("Amount").isNumber()) {
                problems.add(at + ".Amount is required (a number)");
            }
            List<String> kinds = PAYMENT_KINDS.stream().filter(payment::has).toList();
            if (kinds.size() != 1) {
                problems.add(at + " needs exactly one of " + PAYMENT_KINDS + ", has " + kinds);
                continue;
            }
            JsonNode detail = payment.path(kinds.get(0));
            if (kinds.get(0).equals("Card")) {
                String cardType = detail.path("CardType").asText("");
                if (cardType.isBlank()) {
                    problems.add(at + ".Card.CardType is required");
                } else if (cardType.length() > 25) {
                    problems.add(at + ".Card.CardType is longer than 25 characters");
                }
                if (!detail.path("IsPreauth").isBoolean()) {
                    problems.add(at + ".Card.IsPreauth is required (true or false)");
                }
            }
            if (kinds.get(0).equals("Voucher") && detail.path("Reference").asText("").isBlank()) {
                problems.add(at + ".Voucher.Reference is required");
            }
        }
    }

    private static void checkPrice(JsonNode price, String at, List<String> problems) {
        boolean net = price.path("Net").isNumber();
        boolean gross = price.path("Gross").isNumber();
        if (!price.isObject() || (!net && !gross)) {
            problems.add(at + " needs a Net or a Gross number");
        }
    }

    static void requireDataItem(JsonNode parent, String field, String at, List<String> problems) {
        JsonNode item = parent.path(field);
        if (!item.isObject() || (item.path("ID").asText("").isBlank() && item.path("Code").asText("").isBlank()
                && item.path("Name").asText("").isBlank())) {
            problems.add(at + "." + field + " is required (a DataItem with ID, Code or Name)");
        }
    }

    static void checkLengths(JsonNode node, Map<String, Integer> lengths, String at, List<String> problems) {
        lengths.forEach((field, max) -> {
            JsonNode value = node.path(field);
            if (value.isMissingNode()) {
                return;
            }
            if (!value.isTextual()) {
                problems.add(at + "." + field + " must be a string");
            } else if (value.asText().length() > max) {
                problems.add(at + "." + field + " is " + value.asText().length() + " characters; at most " + max);
            }
        });
    }
}
