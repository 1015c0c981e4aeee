package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.order.KhaosSalesOrder;

import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link KhaosSalesOrder} as KCC's {@code SalesOrder} JSON: gross prices, {@code CalcMethod} 2
 * (gross), {@code GrossTotal} for Khaos's rounding correction, stock codes matched by {@code StockCode}.
 * Never writes a null: empty optional fields are left out, as the spec asks.
 */
public final class KccSalesOrderWriter {
    static final DateTimeFormatter KCC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private KccSalesOrderWriter() {
    }

    public static ObjectNode write(KhaosSalesOrder order) {
        return write(order, false);
    }

    /**
     * @param urnFromCustomerNumber name the customer's account by the shop's customer number ({@code Customer.URN},
     *                              matched on {@code CompanyCode}: spec README L385, L621–628); left out when the shop has none
     */
    public static ObjectNode write(KhaosSalesOrder order, boolean urnFromCustomerNumber) {
        ObjectNode o = InfraJson.mapper().createObjectNode();
        ObjectNode customer = o.putObject("Customer");
        if (urnFromCustomerNumber && !order.customerNumber().isEmpty()) {
            customer.put("URN", order.customerNumber());
        }
        customer.put("CreateNew", "IfNoMatch");
        dataItem(customer.putObject("CompanyClass"), order.companyClass());
        customer.putObject("Currency").put("Code", order.currency());
        optional(customer, "CompanyName", order.companyName());
        if (order.taxExempt()) {
            customer.put("TaxExempt", true);
        }
        address(o.putObject("InvoiceAddress"), order.invoiceAddress());
        contact(o.putObject("InvoiceContact"), order.invoiceContact());
        address(o.putObject("DeliveryAddress"), order.deliveryAddress());
        contact(o.putObject("DeliveryContact"), order.deliveryContact());
        ObjectNode header = o.putObject("Header").put("AssociatedRef", order.associatedRef())
                .put("OrderDate", KCC_DATE.format(order.orderDate()));
        dataItem(header.putObject("Site"), order.site());
        dataItem(header.putObject("SalesSource"), order.salesSource());
        if (!order.courierCode().isEmpty()) {
            header.putObject("Courier").put("Code", order.courierCode());
        }
        header.putArray("DiscountCodes");
        header.putObject("DeliveryCharge").put("Gross", order.deliveryGross());
        header.put("DeliveryTaxAmount", order.deliveryTax());
        header.put("CalcMethod", 2);
        header.put("GrossTotal", order.grossTotal());
        header.put("CustomData", order.customData());
        if (order.remainderOnAccount()) {
            header.put("RemainderOnAccount", true);
        }
        ArrayNode items = o.putArray("Items");
        for (KhaosSalesOrder.Line line : order.lines()) {
            ObjectNode item = items.addObject().put("SKU", line.stockCode()).put("Mapping", "StockCode")
                    .put("Quantity", line.quantity());
            item.putArray("ExtendedDescription");
            item.putObject("UnitPrice").put("Gross", line.unitGross());
            if (line.valueDiscount().signum() != 0) {
                item.put("ValueDiscount", line.valueDiscount());
            }
            item.put("ImportRef", line.importRef());
            if (!line.sku().equals(line.stockCode())) {
                item.put("WebItemRef", line.sku());
            }
        }
        ArrayNode payments = o.putArray("Payments");
        for (KhaosSalesOrder.Payment p : order.payments()) {
            ObjectNode card = payments.addObject().put("Amount", p.amount()).putObject("Card")
                    .put("CardType", p.cardType()).put("IsPreauth", p.preauth());
            optional(card, "AuthCode", p.authCode());
            optional(card, "TransactionID", p.transactionId());
        }
        if (payments.isEmpty()) {
            o.remove("Payments");
        }
        return o;
    }

    /** A DataItem from configuration: digits are an ID, anything else a Name. */
    static void dataItem(ObjectNode node, String value) {
        node.put(value.chars().allMatch(Character::isDigit) ? "ID" : "Name", value);
    }

    private static void address(ObjectNode node, KhaosSalesOrder.Address a) {
        node.put("Line1", a.line1());
        optional(node, "Line2", a.line2());
        optional(node, "Line3", a.line3());
        node.put("Town", a.town());
        optional(node, "Postcode", a.postcode());
        node.putObject("Country").put("Code", a.countryIso());
        optional(node, "Organisation", a.organisation());
        optional(node, "Telephone", a.telephone());
    }

    private static void contact(ObjectNode node, KhaosSalesOrder.Contact c) {
        optional(node, "Forename", c.forename());
        optional(node, "Surname", c.surname());
        optional(node, "Email", c.email());
    }

    private static void optional(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

}
