package com.shopkhaos.infra.ksd;

import static com.shopkhaos.infra.ksd.Xml.child;
import static com.shopkhaos.infra.ksd.Xml.children;
import static com.shopkhaos.infra.ksd.Xml.text;

import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * Khaos Control on premises' order import document ({@code SALES_ORDERS}, Keystone's "Standard XML Import" 1.27, as
 * its sample {@code KSDXMLImportFormat.xml} lays it out), written from the same {@link KhaosSalesOrder} the KCC
 * format writes: the translation's rules are not repeated here, only the document's shape.
 *
 * <p>Prices follow the sample's advice (ORDER_ITEM: "PRICE_NET when the line is non-Vatable and PRICE_GRS when it
 * is, as any other use may cause rounding issues"). The format has no value discount (its {@code KSD_DISCOUNT} is a
 * percentage, and undocumented), so a line's discount is folded into its price: where the discounted line total does
 * not divide into whole pence per unit, the line goes as two items with the same {@code IMPORT_REF} (all units but one
 * at the lower price, one at the rest), so the line's total is the shop's to the penny. A tax-free order's lines go net
 * with {@code TAX_RATE} 2 (zero), so Khaos adds no VAT to them. {@code ORDER_AMOUNT} is the shop's total, which Khaos
 * checks its own against. Booleans are {@code -1}/{@code 0}, as the sample writes them.
 */
public final class KsdSalesOrderFormat implements SalesOrderFormat {
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final boolean companyCodeFromCustomerNumber;

    public KsdSalesOrderFormat() {
        this(false);
    }

    /** @param companyCodeFromCustomerNumber name the customer's account by the shop's customer number (COMPANY_CODE, at most 10) */
    public KsdSalesOrderFormat(boolean companyCodeFromCustomerNumber) {
        this.companyCodeFromCustomerNumber = companyCodeFromCustomerNumber;
    }

    @Override
    public String write(KhaosSalesOrder order) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartElement("SALES_ORDERS");
            x.writeStartElement("SALES_ORDER");
            customer(x, order);
            payments(x, order);
            header(x, order);
            x.writeStartElement("ORDER_ITEMS");
            for (KhaosSalesOrder.Line line : order.lines()) {
                items(x, order, line);
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private void customer(XMLStreamWriter x, KhaosSalesOrder order) throws XMLStreamException {
        x.writeStartElement("CUSTOMER_DETAIL");
        // 0: match an existing customer (or make one), the sample's recommendation
        field(x, "IS_NEW_CUSTOMER", "0");
        String number = order.customerNumber();
        if (companyCodeFromCustomerNumber && !number.isEmpty() && number.length() <= 10) {
            field(x, "COMPANY_CODE", number);
        }
        optional(x, "WEB_USER", cut(order.invoiceContact().email(), 50));
        field(x, "COMPANY_CLASS", order.companyClass());
        optional(x, "COMPANY_NAME", cut(order.companyName(), 50));
        x.writeStartElement("ADDRESSES");
        address(x, "INVADDR", "I", order.invoiceAddress(), order.invoiceContact());
        address(x, "DELADDR", "D", order.deliveryAddress(), order.deliveryContact());
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void address(XMLStreamWriter x, String element, String p, KhaosSalesOrder.Address a, KhaosSalesOrder.Contact c)
            throws XMLStreamException {
        x.writeStartElement(element);
        field(x, p + "ADDRESS1", a.line1());
        optional(x, p + "ADDRESS2", a.line2());
        optional(x, p + "ADDRESS3", a.line3());
        field(x, p + "TOWN", a.town());
        // a postcode is mandatory on the invoice address; Keystone's own client sends "." when there is none
        field(x, p + "POSTCODE", a.postcode() == null || a.postcode().isBlank() ? "." : a.postcode());
        field(x, p + "COUNTRY_CODE", a.countryIso());
        optional(x, p + "FORENAME", c.forename());
        field(x, p + "SURNAME", c.surname() == null || c.surname().isBlank() ? "." : c.surname());
        optional(x, p + "TEL", a.telephone());
        optional(x, p + "EMAIL", cut(c.email(), 50));
        optional(x, p + "ORGANISATION", a.organisation());
        x.writeEndElement();
    }

    private static void payments(XMLStreamWriter x, KhaosSalesOrder order) throws XMLStreamException {
        if (order.payments().isEmpty()) {
            return;
        }
        x.writeStartElement("PAYMENTS");
        for (KhaosSalesOrder.Payment p : order.payments()) {
            x.writeStartElement("PAYMENT_DETAIL");
            field(x, "PAYMENT_AMOUNT", p.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            field(x, "PAYMENT_TYPE", "2"); // card (the sample: 0 cash, 1 cheque, 2 card, 3 account, 4 voucher)
            optional(x, "CARD_TYPE", p.cardType());
            field(x, "PREAUTH", p.preauth() ? "-1" : "0");
            optional(x, "AUTH_CODE", p.authCode());
            optional(x, "TRANSACTION_ID", p.transactionId());
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void header(XMLStreamWriter x, KhaosSalesOrder order) throws XMLStreamException {
        x.writeStartElement("ORDER_HEADER");
        field(x, "ORDER_DATE", ORDER_DATE.format(order.orderDate()));
        field(x, "ORDER_AMOUNT", pence(order.grossTotal()));
        field(x, "ORDER_CURRENCY_CODE", order.currency());
        optional(x, "SITE", order.site());
        field(x, "ASSOCIATED_REF", order.associatedRef());
        // never left out: without it Khaos works out a delivery charge of its own
        field(x, "DELIVERY_NET", pence(order.deliveryGross().subtract(order.deliveryTax())));
        field(x, "DELIVERY_TAX", pence(order.deliveryTax()));
        optional(x, "COURIER_CODE", order.courierCode());
        optional(x, "SALES_SOURCE", order.salesSource());
        x.writeEndElement();
    }

    /** One line as one item, or two where its total does not divide into whole pence per unit. */
    private static void items(XMLStreamWriter x, KhaosSalesOrder order, KhaosSalesOrder.Line line) throws XMLStreamException {
        boolean net = order.taxExempt() || line.vatRate().signum() == 0;
        BigDecimal total = line.grossAfterDiscount().setScale(2, RoundingMode.HALF_UP);
        BigDecimal quantity = BigDecimal.valueOf(line.quantity());
        BigDecimal lower = total.divide(quantity, 2, RoundingMode.FLOOR);
        if (lower.multiply(quantity).compareTo(total) == 0) {
            item(x, order, line, line.quantity(), lower, net);
            return;
        }
        item(x, order, line, line.quantity() - 1, lower, net);
        item(x, order, line, 1, total.subtract(lower.multiply(BigDecimal.valueOf(line.quantity() - 1L))), net);
    }

    private static void item(XMLStreamWriter x, KhaosSalesOrder order, KhaosSalesOrder.Line line, int quantity, BigDecimal unit,
                             boolean net) throws XMLStreamException {
        x.writeStartElement("ORDER_ITEM");
        field(x, "STOCK_CODE", line.stockCode());
        field(x, "MAPPING_TYPE", "1");
        optional(x, "STOCK_DESC", line.description());
        field(x, "ORDER_QTY", Integer.toString(quantity));
        field(x, net ? "PRICE_NET" : "PRICE_GRS", pence(unit));
        if (order.taxExempt()) {
            field(x, "TAX_RATE", "2");
        }
        field(x, "IMPORT_REF", line.importRef());
        x.writeEndElement();
    }

    /**
     * The money of a document {@link #write} wrote: each line by its {@code IMPORT_REF} (two items of one line added
     * up), its stock code and units, at its unit price after discount (the format keeps no discount apart; a line sent as
     * two items: the higher price, less the pence that make its total), the
     * delivery (net plus tax), {@code ORDER_AMOUNT} and the payments.
     */
    @Override
    public Optional<SalesOrderValues> values(String written) {
        Element root;
        try {
            root = Xml.parse(written);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Element> order = child(root, "SALES_ORDER");
        Optional<Element> header = order.flatMap(o -> child(o, "ORDER_HEADER"));
        if (!root.getTagName().equals("SALES_ORDERS") || header.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> skus = new LinkedHashMap<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        Map<String, BigDecimal> highest = new LinkedHashMap<>();
        for (Element item : order.flatMap(o -> child(o, "ORDER_ITEMS")).map(i -> children(i, "ORDER_ITEM")).orElse(List.of())) {
            String ref = text(item, "IMPORT_REF");
            int quantity = Integer.parseInt(text(item, "ORDER_QTY"));
            String price = text(item, "PRICE_GRS").isEmpty() ? text(item, "PRICE_NET") : text(item, "PRICE_GRS");
            skus.put(ref, text(item, "STOCK_CODE"));
            units.merge(ref, quantity, Integer::sum);
            totals.merge(ref, money(price).multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
            highest.merge(ref, money(price), BigDecimal::max);
        }
        List<SalesOrderValues.Line> lines = new ArrayList<>();
        // a line sent as two items reads back at its higher unit price, less what makes its total the one sent
        skus.forEach((ref, sku) -> lines.add(new SalesOrderValues.Line(ref, sku, units.get(ref), highest.get(ref),
                highest.get(ref).multiply(BigDecimal.valueOf(units.get(ref))).subtract(totals.get(ref)))));
        BigDecimal paid = order.flatMap(o -> child(o, "PAYMENTS")).map(p -> children(p, "PAYMENT_DETAIL")).orElse(List.of()).stream()
                .map(p -> money(text(p, "PAYMENT_AMOUNT"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal deliveryTax = money(text(header.get(), "DELIVERY_TAX"));
        return Optional.of(new SalesOrderValues(lines, money(text(header.get(), "DELIVERY_NET")).add(deliveryTax),
                money(text(header.get(), "ORDER_AMOUNT")), paid, deliveryTax));
    }

    private static String pence(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal money(String text) {
        try {
            return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String cut(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    private static void field(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value == null ? "" : value);
        x.writeEndElement();
    }

    private static void optional(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            field(x, name, value);
        }
    }
}
