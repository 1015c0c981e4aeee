package com.shopkhaos.infra.ksd;

import static com.shopkhaos.infra.ksd.Xml.child;
import static com.shopkhaos.infra.ksd.Xml.children;
import static com.shopkhaos.infra.ksd.Xml.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Calls the IKosWeb SOAP service of Khaos Control on premises ({@code …/KhaosIDS.exe/soap/IKosWeb}) and reads its
 * answers into plain values. The envelopes are SOAP 1.1 rpc as the service's public clients send them (see the README,
 * "Khaos Control on premises (SOAP) simulator", for the evidence), every parameter named and sent, dates as UK local
 * time without an offset (as Keystone's own client sends them). TLS is the JDK's, with its certificate checks.
 *
 * <p>One exception per failure mode: {@link RefusedException} (a SOAP fault: the service answered and refused),
 * {@link UnavailableException} (the server is not there or says it is unavailable: nothing was done), and
 * {@link NoAnswerException} (no readable answer: the call may or may not have been carried out, so an import must be
 * looked up before it is sent again).
 */
public final class KsdSoapClient {
    static final String NAMESPACE = "urn:IKosWebIntf-IKosWeb";
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter SOAP_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /**
     * @param endpoint    the service, e.g. {@code https://khaos.example.co.uk/KhaosIDS.exe/soap/IKosWeb}
     * @param connectTimeout how long to wait for the connection
     * @param callTimeout how long to wait for an answer
     */
    public record Settings(URI endpoint, Duration connectTimeout, Duration callTimeout) {
    }

    /** What ImportOrders answered: the orders Khaos imported (its sales order code each) and those it skipped, why. */
    public record ImportAnswer(int importedCount, List<Imported> imported, List<Skipped> skipped) {
        public record Imported(String associatedRef, String salesOrderCode) {
        }

        public record Skipped(String orderRef, String reason) {
        }
    }

    /** One order as ExportOrderStatusEx reports it (no per-line quantities: the service has none). */
    public record OrderStatus(String salesOrderCode, String associatedRef, boolean complete, boolean cancelled,
                              BigDecimal itemsGross, BigDecimal itemsNet, BigDecimal deliveryGross, BigDecimal deliveryNet,
                              int unitsSold, List<Invoice> invoices) {
        /** An invoice: its stage, units on it and sent, and each box's consignment ref. */
        public record Invoice(String code, int stageId, String stageDescription, int unitsSold, int unitsSent,
                              List<String> consignmentRefs, Optional<java.time.LocalDate> shipped) {
        }
    }

    /** A stock code's level (units available to sell) at the site asked for. */
    public record StockLevel(String stockCode, String stockId, int level) {
    }

    /** The service answered with a SOAP fault: it refused the call. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String operation, String fault) {
            super("Khaos refused " + operation + ": " + fault);
        }
    }

    /** The server is not there, or says it is unavailable: nothing was done. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String operation, String why) {
            super("Khaos is unavailable for " + operation + ": " + why);
        }
    }

    /** No readable answer: whether the call was carried out is not known. */
    public static final class NoAnswerException extends RuntimeException {
        public NoAnswerException(String operation, String why) {
            super("no answer from Khaos to " + operation + " (it may have been carried out): " + why);
        }
    }

    private final Settings settings;
    private final HttpClient http;

    public KsdSoapClient(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    /** Sends one {@code SALES_ORDERS} document (as {@link KsdSalesOrderFormat} writes it). */
    public ImportAnswer importOrders(String salesOrders) {
        Element result = call("ImportOrders", List.of(new Param("Orders", salesOrders)));
        List<ImportAnswer.Imported> imported = new ArrayList<>();
        child(result, "OrderImport").ifPresent(list -> items(list).forEach(i ->
                imported.add(new ImportAnswer.Imported(text(i, "AssociatedRef"), text(i, "SalesOrderCode")))));
        List<ImportAnswer.Skipped> skipped = new ArrayList<>();
        child(result, "OrderSkipped").ifPresent(list -> items(list).forEach(i ->
                skipped.add(new ImportAnswer.Skipped(text(i, "OrderRef"), text(i, "SkipReason")))));
        String count = text(result, "ImportedCount");
        return new ImportAnswer(count.isEmpty() ? imported.size() : Integer.parseInt(count), imported, skipped);
    }

    /** The named orders (by ASSOCIATED_REF), cancelled ones and consignment refs included. */
    public List<OrderStatus> orderStatuses(Collection<String> associatedRefs) {
        return statuses(String.join(",", associatedRefs), Optional.empty(), Optional.empty());
    }

    /** Every order the service reports for the period (its dates: UK local time, to the second). */
    public List<OrderStatus> orderStatusesBetween(Instant from, Instant to) {
        return statuses("", Optional.of(from), Optional.of(to));
    }

    private List<OrderStatus> statuses(String ids, Optional<Instant> from, Optional<Instant> to) {
        Element list = document("ExportOrderStatusEx", List.of(new Param("IDs", ids), new Param("MappingType", "4"),
                new Param("WebOnly", "0"), new Param("ConfirmedOnly", "0"), new Param("IncludeTracking", "-1"),
                new Param("IncludeCancelled", "-1"), new Param("DateFrom", from.map(KsdSoapClient::local).orElse("")),
                new Param("DateTo", to.map(KsdSoapClient::local).orElse("")), new Param("InvoiceStageIDs", "")));
        List<OrderStatus> out = new ArrayList<>();
        for (Element s : children(list, "ORDER_STATUS")) {
            List<OrderStatus.Invoice> invoices = new ArrayList<>();
            child(s, "INVOICES").ifPresent(i -> children(i, "INVOICE").forEach(inv -> {
                List<String> refs = new ArrayList<>();
                children(inv, "BOX").stream().map(b -> b.getAttribute("CONSIGNMENT_REF")).filter(r -> !r.isBlank()).forEach(refs::add);
                if (refs.isEmpty() && !inv.getAttribute("CONSIGNMENT_REF").isBlank()) {
                    refs.add(inv.getAttribute("CONSIGNMENT_REF"));
                }
                String shipped = inv.getAttribute("SHIP_DATE");
                invoices.add(new OrderStatus.Invoice(inv.getAttribute("INVOICE_CODE"), integer(inv.getAttribute("INVOICE_STAGE_ID")),
                        inv.getAttribute("INVOICE_STAGE_DESC"), integer(inv.getAttribute("QTY_SOLD")), integer(inv.getAttribute("QTY_SENT")),
                        refs, shipped.isBlank() ? Optional.empty() : Optional.of(java.time.LocalDate.parse(shipped, DAY))));
            }));
            out.add(new OrderStatus(s.getAttribute("SORDER_CODE"), s.getAttribute("ASSOCIATED_REF"), text(s, "COMPLETE").equals("-1"),
                    child(s, "CANCELLED").isPresent(), money(text(s, "ITEMS_TOTAL")),
                    money(child(s, "ITEMS_TOTAL").map(e -> e.getAttribute("NET_VALUE")).orElse("")), money(text(s, "DELIVERY_TOTAL")),
                    money(child(s, "DELIVERY_TOTAL").map(e -> e.getAttribute("NET_VALUE")).orElse("")), integer(text(s, "QTY_SOLD")),
                    invoices));
        }
        return out;
    }

    /** Stock levels at a site changed since {@code since} (every code when empty). */
    public List<StockLevel> stockChangedSince(Optional<Instant> since, int siteId) {
        Element list = document("ExportStockStatus", List.of(new Param("StockCodes", ""), new Param("MappingType", "1"),
                new Param("LastUpdated", since.map(KsdSoapClient::local).orElse("1970-01-01T00:00:00")),
                new Param("SiteID", Integer.toString(siteId))));
        return children(list, "STOCK_ITEM").stream().map(i -> new StockLevel(i.getAttribute("CODE"), i.getAttribute("ID"),
                integer(text(i, "LEVEL")))).toList();
    }

    // ---- the wire ----------------------------------------------------------------------------------------------------

    private record Param(String name, String value) {
    }

    /** An export's answer: the XML document carried in its {@code return} string. */
    private Element document(String operation, List<Param> params) {
        String text = call(operation, params).getTextContent();
        try {
            return Xml.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NoAnswerException(operation, "its document is not XML: " + e.getMessage());
        }
    }

    private Element call(String operation, List<Param> params) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"" + NAMESPACE + "\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "
                + "SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body><ns1:").append(operation).append(">");
        for (Param p : params) {
            body.append('<').append(p.name()).append(" xsi:type=\"xsd:string\">").append(escape(p.value())).append("</")
                    .append(p.name()).append('>');
        }
        body.append("</ns1:").append(operation).append("></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(settings.endpoint()).timeout(settings.callTimeout())
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"" + NAMESPACE + "#" + operation + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new UnavailableException(operation, "no connection (" + e.getMessage() + ")");
        } catch (HttpTimeoutException e) {
            throw new NoAnswerException(operation, "no answer within " + settings.callTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new NoAnswerException(operation, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswerException(operation, "interrupted");
        }
        if (response.statusCode() == 503) {
            throw new UnavailableException(operation, "HTTP 503");
        }
        Element envelope;
        try {
            envelope = Xml.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new NoAnswerException(operation, "HTTP " + response.statusCode() + " without a SOAP answer");
        }
        Element soapBody = child(envelope, "Body").orElseThrow(() -> new NoAnswerException(operation, "no SOAP Body"));
        Optional<Element> fault = child(soapBody, "Fault");
        if (fault.isPresent()) {
            throw new RefusedException(operation, text(fault.get(), "faultstring"));
        }
        if (response.statusCode() != 200) {
            throw new NoAnswerException(operation, "HTTP " + response.statusCode());
        }
        return children(soapBody).stream().findFirst().flatMap(r -> child(r, "return"))
                .orElseThrow(() -> new NoAnswerException(operation, "no return in the answer"));
    }

    private static String local(Instant at) {
        return SOAP_DATE_TIME.format(LocalDateTime.ofInstant(at, UK));
    }

    private static List<Element> items(Element array) {
        return children(array, "item");
    }

    private static BigDecimal money(String text) {
        return text.isBlank() ? BigDecimal.ZERO : new BigDecimal(text.trim());
    }

    private static int integer(String text) {
        return text.isBlank() ? 0 : Integer.parseInt(text.trim());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
