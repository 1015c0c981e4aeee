package com.shopkhaos.simulators.ksd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimClock;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Khaos Control on premises as its SOAP web service (IKosWeb, served by {@code KhaosIDS.exe}) shows itself to its public
 * clients. No vendor specification is public; every behaviour here comes from one of these, and the README's
 * "Khaos Control on premises (SOAP) simulator" section names the file and line for each:
 * <ul>
 *   <li>Keystone Software's own Magento module ({@code ksdl/khaosconnect-magento}, {@code Helper/Webservice.php},
 *       {@code Helper/Order.php}, {@code Helper/Stock.php});</li>
 *   <li>Keystone's sample import and export documents ({@code KSDXMLImportFormat.xml} 1.27, {@code KSDXMLOrderStatusEx.xml},
 *       {@code KSDXMLStockStatus.xml}), kept in the history of {@code InternationalDanceSupplies/KhaosAPI}
 *       ({@code .ref/XML Examples/}, commit 1414b20).</li>
 * </ul>
 * Where they are silent or disagree, a setting offers each answer ({@link Settings}), and {@code hostile} picks the one
 * that hurts an integration most. Faults ({@link Faults}) are drawn from a seed. Served on {@code POST …/soap/IKosWeb};
 * its control API is under {@code /_control}.
 */
public final class KsdSimulator {
    static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final List<String> IMPORT_ORDERS = List.of("Orders");
    static final List<String> ORDER_STATUS = List.of("IDs", "MappingType", "WebOnly", "ConfirmedOnly", "IncludeTracking",
            "IncludeCancelled", "DateFrom", "DateTo", "InvoiceStageIDs");
    static final List<String> STOCK_STATUS = List.of("StockCodes", "MappingType", "LastUpdated", "SiteID");

    /** What a second order with an ASSOCIATED_REF already imported gets: the sample says it must not be imported twice. */
    public enum DuplicateRef implements SettingChoice {
        SKIP("skip"), FAULT("fault"), IMPORT("import");
        private final String setting;

        DuplicateRef(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** How many of a call's SALES_ORDERs are imported: Keystone's client sends one per call, another client many. */
    public enum Batch implements SettingChoice {
        ALL("all"), FIRST("first");
        private final String setting;

        Batch(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** What an ORDER_AMOUNT unlike the lines' total gets: the sample says only that Khaos checks it. */
    public enum AmountMismatch implements SettingChoice {
        IMPORT("import"), SKIP("skip");
        private final String setting;

        AmountMismatch(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** Which date ExportOrderStatusEx's DateFrom/DateTo compare: no source says. */
    public enum StatusDates implements SettingChoice {
        CHANGED("changed"), CREATED("created");
        private final String setting;

        StatusDates(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** The settings for what the sources leave open. */
    public record Settings(DuplicateRef duplicateAssociatedRef, Batch batch, AmountMismatch orderAmountMismatch,
                           StatusDates statusDates) {
        public static Settings defaults() {
            return new Settings(DuplicateRef.SKIP, Batch.ALL, AmountMismatch.IMPORT, StatusDates.CHANGED);
        }

        /** The side of each unknown that hurts an integration most. */
        public static Settings hostile() {
            return new Settings(DuplicateRef.IMPORT, Batch.FIRST, AmountMismatch.SKIP, StatusDates.CREATED);
        }

        Settings merge(JsonNode patch) {
            Settings base = switch (patch.path("profile").asText("")) {
                case "" -> this;
                case "default" -> defaults();
                case "hostile" -> hostile();
                default -> throw new IllegalArgumentException("profile must be \"default\" or \"hostile\", was \""
                        + patch.path("profile").asText() + "\"");
            };
            return new Settings(
                    patch.has("duplicateAssociatedRef") ? SettingChoice.of(DuplicateRef.class, "duplicateAssociatedRef",
                            patch.path("duplicateAssociatedRef").asText()) : base.duplicateAssociatedRef,
                    patch.has("batch") ? SettingChoice.of(Batch.class, "batch", patch.path("batch").asText()) : base.batch,
                    patch.has("orderAmountMismatch") ? SettingChoice.of(AmountMismatch.class, "orderAmountMismatch",
                            patch.path("orderAmountMismatch").asText()) : base.orderAmountMismatch,
                    patch.has("statusDates") ? SettingChoice.of(StatusDates.class, "statusDates",
                            patch.path("statusDates").asText()) : base.statusDates);
        }

        ObjectNode toJson() {
            return SimJson.object().put("duplicateAssociatedRef", duplicateAssociatedRef.setting()).put("batch", batch.setting())
                    .put("orderAmountMismatch", orderAmountMismatch.setting()).put("statusDates", statusDates.setting());
        }
    }

    /**
     * Faults, all off by default (rates from 0 to 1): a SOAP fault with nothing done; a timeout (the work done, the
     * answer held back {@code timeoutMs}); a lost answer (the work done, an HTTP 500 with no SOAP body); every answer
     * {@code slowMs} late. The server down for a while is {@code POST /_control/down}.
     */
    public record Faults(long seed, double errorRate, double timeoutRate, long timeoutMs, double lostAnswerRate, long slowMs) {
        public Faults {
            for (double rate : new double[] {errorRate, timeoutRate, lostAnswerRate}) {
                if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                    throw new IllegalArgumentException("rates must be between 0 and 1");
                }
            }
            if (timeoutMs < 0 || slowMs < 0) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }

        static Faults none(long seed) {
            return new Faults(seed, 0, 0, 35_000, 0, 0);
        }

        Faults merge(JsonNode patch) {
            return new Faults(patch.path("seed").asLong(seed), patch.path("errorRate").asDouble(errorRate),
                    patch.path("timeoutRate").asDouble(timeoutRate), patch.path("timeoutMs").asLong(timeoutMs),
                    patch.path("lostAnswerRate").asDouble(lostAnswerRate), patch.path("slowMs").asLong(slowMs));
        }

        ObjectNode toJson() {
            return SimJson.object().put("seed", seed).put("errorRate", errorRate).put("timeoutRate", timeoutRate)
                    .put("timeoutMs", timeoutMs).put("lostAnswerRate", lostAnswerRate).put("slowMs", slowMs);
        }
    }

    /** A SOAP fault to answer (HTTP 500). */
    static final class SoapFault extends RuntimeException {
        final String code;

        SoapFault(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    final SimClock clock;
    private final KsdControlApi control = new KsdControlApi(this);
    final Map<Integer, String> sites = new TreeMap<>(Map.of(1, "Main Warehouse"));
    final Map<String, KsdOrders.Item> stock = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, KsdOrders.Order> orders = new LinkedHashMap<>();
    final Map<String, Integer> calls = new TreeMap<>();
    private Settings settings = Settings.defaults();
    private Faults faults;
    private Random random;
    Instant downUntil = Instant.MIN;
    private int nextOrder = 1;
    private int nextInvoice = 1;
    private int nextStockId = 1;

    public KsdSimulator(long seed) {
        this(seed, Clock.systemUTC());
    }

    public KsdSimulator(long seed, Clock baseClock) {
        this.clock = new SimClock(baseClock);
        setFaults(Faults.none(seed));
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    /** One request below the simulator's mount point. */
    public SimResponse handle(SimRequest request) {
        String path = request.path();
        if (path.startsWith("/_control")) {
            return control.handle(request);
        }
        if (path.toLowerCase(Locale.ROOT).endsWith("/soap/ikosweb") && request.method().equals("POST")) {
            return soap(request);
        }
        return SimResponse.json(404, SimJson.object().put("error", "the service is POST …/KhaosIDS.exe/soap/IKosWeb; "
                + "the control API is under /_control").toString());
    }

    private SimResponse soap(SimRequest request) {
        Faults f;
        boolean down;
        synchronized (this) {
            f = faults;
            down = clock.instant().isBefore(downUntil);
        }
        sleep(f.slowMs());
        if (down) {
            return new SimResponse(503, Map.of("Content-Type", "text/html"),
                    "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        }
        KsdSoap.Call call;
        try {
            call = KsdSoap.read(request.bodyText());
        } catch (IllegalArgumentException e) {
            return xml(500, KsdSoap.fault("Client", e.getMessage()));
        }
        synchronized (this) {
            calls.merge(call.operation(), 1, Integer::sum);
        }
        if (roll(f.errorRate())) {
            return xml(500, KsdSoap.fault("Server", "Internal error (simulated): nothing was done"));
        }
        String answer;
        try {
            answer = operate(call);
        } catch (SoapFault e) {
            return xml(500, KsdSoap.fault(e.code, e.getMessage()));
        }
        if (roll(f.lostAnswerRate())) {
            return new SimResponse(500, Map.of("Content-Type", "text/html"), new byte[0]);
        }
        if (roll(f.timeoutRate())) {
            sleep(f.timeoutMs());
        }
        return xml(200, answer);
    }

    private String operate(KsdSoap.Call call) {
        return switch (call.operation()) {
            case "ImportOrders" -> importOrders(call.param(IMPORT_ORDERS, "Orders")
                    .orElseThrow(() -> new SoapFault("Client", "Orders is empty")));
            case "ExportOrderStatusEx" -> KsdSoap.stringAnswer(call.operation(), exportOrderStatus(call));
            case "ExportStockStatus" -> KsdSoap.stringAnswer(call.operation(), exportStockStatus(call));
            case "GetSiteList" -> siteList();
            default -> throw new SoapFault("Client", "No method named '" + call.operation() + "' is supported by interface 'IKosWeb'");
        };
    }

    private static SimResponse xml(int status, String body) {
        return new SimResponse(status, Map.of("Content-Type", "text/xml; charset=utf-8"), body.getBytes(StandardCharsets.UTF_8));
    }

    // ---- ImportOrders ----------------------------------------------------------------------------------------------

    private synchronized String importOrders(String xml) {
        Document document;
        try {
            document = KsdXml.parse(xml);
        } catch (IllegalArgumentException e) {
            throw new SoapFault("Client", "Orders: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"SALES_ORDERS".equals(KsdXml.localName(root))) {
            throw new SoapFault("Client", "Orders: the document is not SALES_ORDERS");
        }
        List<String> imported = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Element> salesOrders = KsdXml.children(root, "SALES_ORDER").stream()
                .filter(o -> !KsdXml.children(o).isEmpty()).toList(); // an empty SALES_ORDER (the sample ends with one) is no order
        if (settings.batch() == Batch.FIRST && salesOrders.size() > 1) {
            salesOrders = salesOrders.subList(0, 1);
        }
        for (Element salesOrder : salesOrders) {
            String ref = KsdXml.child(salesOrder, "ORDER_HEADER").map(h -> KsdXml.text(h, "ASSOCIATED_REF")).orElse("");
            try {
                KsdOrders.Order order = importOne(salesOrder, ref);
                imported.add(KsdSoap.field("SalesOrderCode", order.code) + KsdSoap.field("AssociatedRef", order.associatedRef));
            } catch (Skipped e) {
                skipped.add(KsdSoap.field("OrderRef", ref) + KsdSoap.field("SkipReason", e.getMessage()));
            }
        }
        return KsdSoap.structAnswer("ImportOrders", "TOrderImportResult", KsdSoap.field("ImportedCount", imported.size())
                + KsdSoap.array("OrderImport", "TOrderImport", imported) + KsdSoap.array("OrderSkipped", "TOrderSkipped", skipped));
    }

    /** An order Khaos declines, answered in OrderSkipped with this reason. */
    private static final class Skipped extends RuntimeException {
        Skipped(String reason) {
            super(reason);
        }
    }

    private KsdOrders.Order importOne(Element salesOrder, String ref) {
        Element header = KsdXml.child(salesOrder, "ORDER_HEADER").orElseThrow(() -> new Skipped("ORDER_HEADER is missing"));
        if (ref.isEmpty()) {
            throw new Skipped("ASSOCIATED_REF is mandatory");
        }
        if (ref.length() > 50) {
            throw new Skipped("ASSOCIATED_REF is longer than 50 characters");
        }
        Element customer = KsdXml.child(salesOrder, "CUSTOMER_DETAIL").orElseThrow(() -> new Skipped("CUSTOMER_DETAIL is missing"));
        if (KsdXml.text(customer, "COMPANY_CLASS").isEmpty()) {
            throw new Skipped("COMPANY_CLASS is mandatory");
        }
        Element invoiceAddress = KsdXml.child(customer, "ADDRESSES").flatMap(a -> KsdXml.child(a, "INVADDR"))
                .orElseThrow(() -> new Skipped("INVADDR is missing"));
        for (String field : List.of("IADDRESS1", "ITOWN", "IPOSTCODE", "ISURNAME")) {
            if (KsdXml.text(invoiceAddress, field).isEmpty()) {
                throw new Skipped("INVADDR/" + field + " is mandatory");
            }
        }
        if (KsdXml.text(invoiceAddress, "ICOUNTRY_CODE").isEmpty() && KsdXml.text(invoiceAddress, "ICOUNTRY_NAME").isEmpty()) {
            throw new Skipped("INVADDR needs ICOUNTRY_CODE or ICOUNTRY_NAME");
        }
        String orderDate = KsdXml.text(header, "ORDER_DATE");
        if (!orderDate.isEmpty() && !orderDate.matches("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}:\\d{2})?")) {
            throw new Skipped("ORDER_DATE \"" + orderDate + "\" is not yyyy-mm-dd or yyyy-mm-dd hh:mm:ss");
        }
        List<Element> items = KsdXml.child(salesOrder, "ORDER_ITEMS").map(i -> KsdXml.children(i, "ORDER_ITEM")).orElse(List.of());
        if (items.isEmpty()) {
            throw new Skipped("the order has no ORDER_ITEM");
        }
        List<KsdOrders.Line> lines = new ArrayList<>();
        for (Element item : items) {
            lines.add(line(item));
        }
        BigDecimal deliveryGross = BigDecimal.ZERO.setScale(2);
        BigDecimal deliveryNet = BigDecimal.ZERO.setScale(2);
        String grs = KsdXml.text(header, "DELIVERY_GRS");
        String net = KsdXml.text(header, "DELIVERY_NET");
        if (!net.isEmpty() && !net.equals("-1")) {
            deliveryNet = money(net, "DELIVERY_NET");
            deliveryGross = deliveryNet.add(KsdXml.text(header, "DELIVERY_TAX").isEmpty() ? BigDecimal.ZERO
                    : money(KsdXml.text(header, "DELIVERY_TAX"), "DELIVERY_TAX"));
        } else if (!grs.isEmpty() && !grs.equals("-1")) {
            deliveryGross = money(grs, "DELIVERY_GRS");
            deliveryNet = deliveryGross.divide(new BigDecimal("1.2"), 2, RoundingMode.HALF_UP);
        }
        BigDecimal total = lines.stream().map(KsdOrders.Line::gross).reduce(BigDecimal.ZERO, BigDecimal::add).add(deliveryGross);
        String amount = KsdXml.text(header, "ORDER_AMOUNT");
        if (!amount.isEmpty() && money(amount, "ORDER_AMOUNT").subtract(total).abs().compareTo(new BigDecimal("0.01")) > 0
                && settings.orderAmountMismatch() == AmountMismatch.SKIP) {
            throw new Skipped("ORDER_AMOUNT " + amount + " does not match the order's total " + total.toPlainString());
        }
        boolean known = orders.values().stream().anyMatch(o -> o.associatedRef.equals(ref));
        if (known && settings.duplicateAssociatedRef() == DuplicateRef.SKIP) {
            throw new Skipped("An order with ASSOCIATED_REF " + ref + " has already been imported");
        }
        if (known && settings.duplicateAssociatedRef() == DuplicateRef.FAULT) {
            throw new SoapFault("Server", "Duplicate ASSOCIATED_REF " + ref);
        }
        Instant now = clock.instant();
        String company = KsdXml.text(customer, "COMPANY_NAME");
        KsdOrders.Order order = new KsdOrders.Order(String.format("SO%06d", nextOrder++), ref,
                company.isEmpty() ? (KsdXml.text(invoiceAddress, "IFORENAME") + " " + KsdXml.text(invoiceAddress, "ISURNAME")).trim() : company,
                KsdXml.text(header, "ORDER_CURRENCY_CODE").isEmpty() ? "GBP" : KsdXml.text(header, "ORDER_CURRENCY_CODE"),
                KsdXml.text(header, "COURIER_CODE"), 1, lines, deliveryGross, deliveryNet, now);
        order.invoices.add(new KsdOrders.Invoice(String.format("IN%06d", nextInvoice++), 9, order.units(), now));
        for (KsdOrders.Line line : lines) {
            KsdOrders.Item stocked = stock.get(line.stockCode());
            stocked.level.merge(order.site, -line.quantity(), Integer::sum);
            stocked.updated.put(order.site, now);
        }
        orders.put(order.code, order);
        return order;
    }

    private KsdOrders.Line line(Element item) {
        String code = KsdXml.text(item, "STOCK_CODE");
        if (code.isEmpty()) {
            throw new Skipped("STOCK_CODE is mandatory");
        }
        String mapping = KsdXml.text(item, "MAPPING_TYPE");
        if (mapping.isEmpty()) {
            throw new Skipped("MAPPING_TYPE is mandatory (" + code + ")");
        }
        if (!mapping.equals("1") && !mapping.equals("-1")) {
            throw new Skipped("MAPPING_TYPE " + mapping + " is not simulated (1 stock code, -1 automatic)");
        }
        KsdOrders.Item stocked = stock.get(code);
        if (stocked == null) {
            throw new Skipped("Stock item " + code + " not found");
        }
        int quantity;
        try {
            quantity = new BigDecimal(KsdXml.text(item, "ORDER_QTY")).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Skipped("ORDER_QTY of " + code + " is not a whole number");
        }
        if (quantity <= 0) {
            throw new Skipped("ORDER_QTY of " + code + " is not positive");
        }
        String net = KsdXml.text(item, "PRICE_NET");
        String gross = KsdXml.text(item, "PRICE_GRS");
        if (net.isEmpty() && gross.isEmpty()) {
            throw new Skipped("PRICE_NET or PRICE_GRS is needed (" + code + ")");
        }
        BigDecimal rate = taxRate(KsdXml.text(item, "TAX_RATE"), stocked.vatRate);
        BigDecimal factor = BigDecimal.ONE.add(rate.movePointLeft(2));
        // "if both are used only net will be actioned" (the sample, ORDER_ITEM)
        BigDecimal unitNet = net.isEmpty() ? money(gross, "PRICE_GRS").divide(factor, 4, RoundingMode.HALF_UP) : money(net, "PRICE_NET");
        BigDecimal unitGross = net.isEmpty() ? money(gross, "PRICE_GRS") : unitNet.multiply(factor).setScale(2, RoundingMode.HALF_UP);
        String discount = KsdXml.text(item, "KSD_DISCOUNT");
        if (!discount.isEmpty()) {
            BigDecimal keep = BigDecimal.ONE.subtract(money(discount, "KSD_DISCOUNT").movePointLeft(2));
            unitGross = unitGross.multiply(keep).setScale(2, RoundingMode.HALF_UP);
            unitNet = unitNet.multiply(keep).setScale(4, RoundingMode.HALF_UP);
        }
        return new KsdOrders.Line(stocked.code, quantity, unitGross, unitNet);
    }

    /** TAX_RATE is a code, not a percentage (the sample: 1 standard, 2 zero, 4 reduced); absent: the item's rate. */
    private static BigDecimal taxRate(String code, BigDecimal itemRate) {
        return switch (code) {
            case "" -> itemRate;
            case "1" -> new BigDecimal("20");
            case "2" -> BigDecimal.ZERO;
            case "4" -> new BigDecimal("5");
            default -> throw new Skipped("TAX_RATE " + code + " is not a tax code (1, 2 or 4)");
        };
    }

    private static BigDecimal money(String text, String field) {
        if (!text.matches("-?\\d+(\\.\\d{1,2})?")) {
            throw new Skipped(field + " \"" + text + "\" is not an amount with at most 2 decimals");
        }
        return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
    }

    // ---- ExportOrderStatusEx ---------------------------------------------------------------------------------------

    private synchronized String exportOrderStatus(KsdSoap.Call call) {
        List<String> ids = csv(call.param(ORDER_STATUS, "IDs").orElse(""));
        String mapping = call.param(ORDER_STATUS, "MappingType").orElse("4");
        if (!ids.isEmpty() && !mapping.equals("3") && !mapping.equals("4")) {
            throw new SoapFault("Client", "MappingType " + mapping + " is not simulated (3 sales order codes, 4 associated refs)");
        }
        boolean tracking = flag(call.param(ORDER_STATUS, "IncludeTracking"));
        boolean cancelled = flag(call.param(ORDER_STATUS, "IncludeCancelled"));
        Optional<Instant> from = call.param(ORDER_STATUS, "DateFrom").map(KsdSimulator::dateTime);
        Optional<Instant> to = call.param(ORDER_STATUS, "DateTo").map(KsdSimulator::dateTime);
        Set<Integer> stages = csv(call.param(ORDER_STATUS, "InvoiceStageIDs").orElse("")).stream().map(KsdSimulator::integer)
                .collect(Collectors.toSet());
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><STATUS_LIST>");
        for (KsdOrders.Order order : orders.values()) {
            if (!ids.isEmpty() && !ids.contains(mapping.equals("3") ? order.code : order.associatedRef)) {
                continue;
            }
            Instant compared = settings.statusDates() == StatusDates.CREATED ? order.created : order.changed;
            if (from.isPresent() && compared.isBefore(from.get()) || to.isPresent() && compared.isAfter(to.get())) {
                continue;
            }
            if (order.cancelled() && !cancelled) {
                continue;
            }
            if (!stages.isEmpty() && order.invoices.stream().noneMatch(i -> stages.contains(i.stage))) {
                continue;
            }
            out.append(status(order, tracking));
        }
        return out.append("</STATUS_LIST>").toString();
    }

    private String status(KsdOrders.Order order, boolean tracking) {
        StringBuilder out = new StringBuilder();
        out.append("<ORDER_STATUS SORDER_CODE=\"").append(KsdXml.escape(order.code)).append("\" ASSOCIATED_REF=\"")
                .append(KsdXml.escape(order.associatedRef)).append("\">");
        out.append("<COMPANY_NAME COMPANY_CODE=\"\" OTHER_REF=\"\">").append(KsdXml.escape(order.companyName)).append("</COMPANY_NAME>");
        out.append("<ORDER_TYPE TYPE_ID=\"1\">Sales Order</ORDER_TYPE>");
        out.append(KsdSoap.field("COURIER", order.courier)).append(KsdSoap.field("CURRENCY_CODE", order.currency));
        out.append(KsdSoap.field("DATE_CREATED", day(order.created))).append("<DELIVERY_DATE/>");
        out.append("<ITEMS_TOTAL NET_VALUE=\"").append(order.itemsNet().toPlainString()).append("\">")
                .append(order.itemsGross().toPlainString()).append("</ITEMS_TOTAL>");
        out.append("<DELIVERY_TOTAL NET_VALUE=\"").append(order.deliveryNet.toPlainString()).append("\">")
                .append(order.deliveryGross.toPlainString()).append("</DELIVERY_TOTAL>");
        out.append(KsdSoap.field("COMPLETE", order.complete() ? "-1" : "0"));
        out.append(KsdSoap.field("QTY_SOLD", order.units())).append(KsdSoap.field("QTY_ASSIGNED", order.cancelled() ? 0 : order.units()));
        if (order.cancelled()) {
            // the sample gives this one date as yyyy-mm-dd, unlike the others
            out.append("<CANCELLED>").append(KsdSoap.field("CANCELLED_DATE_TIME", LocalDate.ofInstant(order.cancelledAt, UK)))
                    .append(KsdSoap.field("REASON", order.cancelReason)).append("<USER_NAME>SIM</USER_NAME></CANCELLED>");
        }
        out.append("<INVOICES>");
        for (KsdOrders.Invoice invoice : order.invoices) {
            String consignment = tracking && !invoice.boxes.isEmpty() ? invoice.boxes.get(0) : "";
            out.append("<INVOICE INVOICE_CODE=\"").append(invoice.code).append("\" INVOICE_DATE=\"").append(day(invoice.created))
                    .append("\" SHIP_DATE=\"").append(invoice.shipped == null ? "" : day(invoice.shipped))
                    .append("\" ISSUE_DATE=\"").append(KsdOrders.issued(invoice.stage) ? day(invoice.changed) : "")
                    .append("\" INVOICE_STAGE_ID=\"").append(invoice.stage)
                    .append("\" INVOICE_STAGE_DESC=\"").append(KsdOrders.STAGES.getOrDefault(invoice.stage, ""))
                    .append("\" COURIER=\"").append(KsdXml.escape(invoice.courier))
                    .append("\" CONSIGNMENT_REF=\"").append(KsdXml.escape(consignment)).append("\" TRACKING_URL=\"\" QTY_SOLD=\"")
                    .append(invoice.qtySold).append("\" QTY_SENT=\"").append(invoice.qtySent).append("\" MOVED=\"-1\">");
            if (tracking) {
                for (String box : invoice.boxes) {
                    out.append("<BOX SHIPPED=\"-1\" SHIP_DATE=\"").append(invoice.shipped == null ? "" : day(invoice.shipped))
                            .append("\" COURIER=\"").append(KsdXml.escape(invoice.courier)).append("\" CONSIGNMENT_REF=\"")
                            .append(KsdXml.escape(box)).append("\" TRACKING_URL=\"\"/>");
                }
            }
            out.append("</INVOICE>");
        }
        return out.append("</INVOICES></ORDER_STATUS>").toString();
    }

    // ---- ExportStockStatus and GetSiteList -------------------------------------------------------------------------

    private synchronized String exportStockStatus(KsdSoap.Call call) {
        List<String> codes = csv(call.param(STOCK_STATUS, "StockCodes").orElse(""));
        String mapping = call.param(STOCK_STATUS, "MappingType").orElse("1");
        if (!mapping.equals("1")) {
            throw new SoapFault("Client", "MappingType " + mapping + " is not simulated (1 stock code)");
        }
        Optional<Instant> since = call.param(STOCK_STATUS, "LastUpdated").map(KsdSimulator::dateTime);
        int site = call.param(STOCK_STATUS, "SiteID").map(KsdSimulator::integer).filter(s -> s != -1).orElse(1);
        if (!sites.containsKey(site)) {
            throw new SoapFault("Client", "Site " + site + " not found");
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><STOCK_STATUS SITE=\"")
                .append(KsdXml.escape(sites.get(site))).append("\">");
        List<KsdOrders.Item> wanted = codes.isEmpty() ? new ArrayList<>(stock.values())
                : codes.stream().map(stock::get).filter(i -> i != null).toList();
        for (KsdOrders.Item item : wanted) {
            Instant updated = item.updated.getOrDefault(site, Instant.EPOCH);
            if (since.isPresent() && updated.isBefore(since.get())) {
                continue;
            }
            int level = item.level.getOrDefault(site, 0);
            out.append("<STOCK_ITEM CODE=\"").append(KsdXml.escape(item.code)).append("\" ID=\"").append(item.id)
                    .append("\" DESC=\"").append(KsdXml.escape(item.description)).append("\">")
                    .append(KsdSoap.field("LEVEL", level)).append(KsdSoap.field("STATUS", level > 0 ? 0 : 1))
                    .append("<LEAD_TIME/></STOCK_ITEM>");
        }
        return out.append("</STOCK_STATUS>").toString();
    }

    private synchronized String siteList() {
        List<String> items = sites.entrySet().stream()
                .map(e -> KsdSoap.field("SiteID", e.getKey()) + KsdSoap.field("SiteName", e.getValue())).toList();
        return KsdSoap.structAnswer("GetSiteList", "TSiteList", KsdSoap.field("Count", items.size())
                + KsdSoap.array("List", "TSite", items));
    }

    // ---- what the control API changes ------------------------------------------------------------------------------

    synchronized Settings settings() {
        return settings;
    }

    synchronized void setSettings(Settings settings) {
        this.settings = settings;
    }

    synchronized Faults faults() {
        return faults;
    }

    synchronized void setFaults(Faults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    private synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    synchronized KsdOrders.Item setLevel(String code, int site, int level, String description, BigDecimal vatRate) {
        if (!sites.containsKey(site)) {
            throw new IllegalArgumentException("site " + site + " does not exist (PUT /_control/sites/" + site + " first)");
        }
        KsdOrders.Item item = stock.computeIfAbsent(code, c -> new KsdOrders.Item(c, Integer.toString(nextStockId++),
                description == null ? c : description, vatRate == null ? new BigDecimal("20") : vatRate));
        if (description != null) {
            item.description = description;
        }
        if (vatRate != null) {
            item.vatRate = vatRate;
        }
        item.level.put(site, level);
        item.updated.put(site, clock.instant());
        return item;
    }

    /** The orders with this ASSOCIATED_REF (more than one only when a duplicate was imported). */
    synchronized List<KsdOrders.Order> byRef(String ref) {
        return orders.values().stream().filter(o -> o.associatedRef.equals(ref)).toList();
    }

    synchronized KsdOrders.Order only(String ref) {
        List<KsdOrders.Order> found = byRef(ref);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no order with ASSOCIATED_REF " + ref);
        }
        return found.get(found.size() - 1);
    }

    synchronized void moveTo(String ref, int stage) {
        if (!KsdOrders.STAGES.containsKey(stage) || KsdOrders.issued(stage) || stage == 1) {
            throw new IllegalArgumentException("stage must be one of 9-21 (despatch issues, cancel cancels), was " + stage);
        }
        KsdOrders.Order order = only(ref);
        KsdOrders.Invoice open = order.open().orElseThrow(() -> new IllegalStateException("order " + ref + " has nothing left to move"));
        open.stage = stage;
        open.changed = clock.instant();
        order.changed = open.changed;
    }

    /** Despatches {@code quantity} units (all left when null) in these boxes: a part gets an invoice of its own. */
    synchronized void despatch(String ref, Integer quantity, List<String> boxes, String courier) {
        KsdOrders.Order order = only(ref);
        KsdOrders.Invoice open = order.open().orElseThrow(() -> new IllegalStateException("order " + ref + " has nothing left to send"));
        int units = quantity == null ? open.qtySold : quantity;
        if (units <= 0 || units > open.qtySold) {
            throw new IllegalArgumentException("quantity must be 1 to " + open.qtySold + ", was " + units);
        }
        Instant now = clock.instant();
        KsdOrders.Invoice sent = open;
        if (units < open.qtySold) {
            open.qtySold -= units;
            open.changed = now;
            sent = new KsdOrders.Invoice(String.format("IN%06d", nextInvoice++), 70, units, now);
            order.invoices.add(sent);
        }
        sent.stage = 70;
        sent.qtySent = units;
        sent.courier = courier == null ? order.courier : courier;
        sent.boxes.addAll(boxes);
        sent.shipped = now;
        sent.changed = now;
        order.changed = now;
    }

    /** Cancels what is left of the order and gives its units back to stock (not once any was sent). */
    synchronized void cancel(String ref, String reason) {
        KsdOrders.Order order = only(ref);
        if (order.cancelled()) {
            return;
        }
        if (order.sent() > 0) {
            throw new IllegalStateException("order " + ref + " was despatched in part; cancelling the rest is not simulated");
        }
        Instant now = clock.instant();
        order.cancelledAt = now;
        order.cancelReason = reason == null ? "" : reason;
        order.invoices.forEach(i -> {
            i.stage = 1;
            i.changed = now;
        });
        order.changed = now;
        for (KsdOrders.Line line : order.lines) {
            KsdOrders.Item item = stock.get(line.stockCode());
            item.level.merge(order.site, line.quantity(), Integer::sum);
            item.updated.put(order.site, now);
        }
    }

    // ---- values as the service writes and reads them ---------------------------------------------------------------

    static String day(Instant at) {
        return DAY.format(at.atZone(UK));
    }

    /** A SOAP dateTime as clients send it: local UK time without an offset (Keystone's client), or with one. */
    static Instant dateTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.length() == 10 ? text + "T00:00:00" : text).atZone(UK).toInstant();
            } catch (DateTimeParseException again) {
                throw new SoapFault("Client", "\"" + text + "\" is not a dateTime");
            }
        }
    }

    private static boolean flag(Optional<String> value) {
        return value.map(v -> v.equals("-1") || v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new SoapFault("Client", "\"" + text + "\" is not an integer");
        }
    }

    private static List<String> csv(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Advances the simulator's clock (tests of the server being down, or of dates). */
    public void advance(Duration by) {
        clock.advance(by);
    }
}
