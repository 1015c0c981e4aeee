package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A sales order as we hand it to Khaos Control (the domain side of KCC's {@code SalesOrder}; infra
 * writes the JSON). Prices are gross and {@code grossTotal} is the shop's total, so Khaos can correct
 * its own rounding to the penny.
 *
 * @param associatedRef the shop's order number: unique per channel, so Khaos can never import it twice
 * @param customData    the shop's order id, echoed back in Khaos's status uploads
 * @param deliveryGross the delivery charge; 0 for free delivery (never omitted, or Khaos would calculate one)
 * @param deliveryTax   the VAT in it, as the shop split it over the cart's rates (so Khaos holds the VAT charged)
 * @param taxExempt     true for a tax-free (export) order
 */
public record KhaosSalesOrder(String associatedRef, LocalDateTime orderDate, String customData, String companyClass,
                              String currency, String companyName, boolean taxExempt, Address invoiceAddress,
                              Contact invoiceContact, Address deliveryAddress, Contact deliveryContact, String site,
                              String salesSource, String courierCode, BigDecimal deliveryGross, BigDecimal deliveryTax,
                              BigDecimal grossTotal,
                              List<Line> lines, List<Payment> payments, boolean remainderOnAccount, String customerNumber) {

    /** @param customerNumber the shop's number for the customer ("" when it has none): Khaos's account URN where the retailer chose it */
    public KhaosSalesOrder {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
        customerNumber = customerNumber == null ? "" : customerNumber.strip();
    }

    /** A sales order whose customer the shop gives no number. */
    public KhaosSalesOrder(String associatedRef, LocalDateTime orderDate, String customData, String companyClass,
                           String currency, String companyName, boolean taxExempt, Address invoiceAddress,
                           Contact invoiceContact, Address deliveryAddress, Contact deliveryContact, String site,
                           String salesSource, String courierCode, BigDecimal deliveryGross, BigDecimal deliveryTax,
                           BigDecimal grossTotal, List<Line> lines, List<Payment> payments, boolean remainderOnAccount) {
        this(associatedRef, orderDate, customData, companyClass, currency, companyName, taxExempt, invoiceAddress, invoiceContact,
                deliveryAddress, deliveryContact, site, salesSource, courierCode, deliveryGross, deliveryTax, grossTotal, lines, payments,
                remainderOnAccount, "");
    }

    /** An address fitted to Khaos's limits (lines and town 35, postcode 10). */
    public record Address(String line1, String line2, String line3, String town, String postcode, String countryIso,
                          String organisation, String telephone) {
        @Override
        public String toString() {
            return "Address[<personal data>]";
        }
    }

    /** A contact (names 50, email 100). */
    public record Contact(String forename, String surname, String email, String telephone) {
        @Override
        public String toString() {
            return "Contact[<personal data>]";
        }
    }

    /**
     * An order line: the Khaos stock code, the gross unit price before discount and the line's share of
     * the shop's promotions as a value discount (so VAT stays at the line's own rate).
     *
     * @param importRef the shop's line id, echoed back by Khaos
     */
    public record Line(String stockCode, String sku, int quantity, BigDecimal unitGross, BigDecimal valueDiscount,
                       BigDecimal vatRate, String importRef, String description) {
        public BigDecimal grossAfterDiscount() {
            return unitGross.multiply(BigDecimal.valueOf(quantity)).subtract(valueDiscount);
        }
    }

    /** A card payment: taken ({@code preauth} false) or reserved (true), with its reference. */
    public record Payment(BigDecimal amount, String cardType, boolean preauth, String authCode, String transactionId) {
    }
}
