package com.shopkhaos.infra.ksd;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.SalesOrderValues;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The on-premises import document written from a translated order, and its money read back. */
class KsdSalesOrderFormatTest {
    private final KsdSalesOrderFormat format = new KsdSalesOrderFormat(true);

    private static KhaosSalesOrder order(boolean taxExempt, String postcode, KhaosSalesOrder.Line... lines) {
        KhaosSalesOrder.Address address = new KhaosSalesOrder.Address("1 High Street", "", "", "York", postcode, "GB", "", "");
        KhaosSalesOrder.Contact contact = new KhaosSalesOrder.Contact("Jo", "Bloggs", "jo@example.com", "");
        BigDecimal total = List.of(lines).stream().map(KhaosSalesOrder.Line::grossAfterDiscount).reduce(new BigDecimal("3.95"), BigDecimal::add);
        return new KhaosSalesOrder("10042", LocalDateTime.parse("2026-12-07T09:58:01"), "0123456789abcdef0123456789abcdef", "Web",
                "GBP", "", taxExempt, address, contact, address, contact, "1", "WEB", "RM48", new BigDecimal("3.95"),
                taxExempt ? BigDecimal.ZERO : new BigDecimal("0.66"), total, List.of(lines),
                List.of(new KhaosSalesOrder.Payment(total, "Visa", false, "AUTH1", "TX1")), false, "C1001");
    }

    private static KhaosSalesOrder.Line line(String code, int quantity, String unitGross, String discount, String rate, String ref) {
        return new KhaosSalesOrder.Line(code, code.toLowerCase(), quantity, new BigDecimal(unitGross), new BigDecimal(discount),
                new BigDecimal(rate), ref, "the " + code);
    }

    @Test
    void aDiscountedLineThatDoesNotDivideIntoPence_goesAsTwoItemsOfOneImportRef_whoseTotalIsTheShops() {
        String xml = format.write(order(false, "YO1 1AA", line("SCARF", 3, "10.00", "1.00", "20", "line-1"),
                line("BOOK", 1, "8.99", "0", "0", "line-2")));

        assertThat(xml).contains("<ORDER_ITEM><STOCK_CODE>SCARF</STOCK_CODE><MAPPING_TYPE>1</MAPPING_TYPE><STOCK_DESC>the SCARF</STOCK_DESC>"
                        + "<ORDER_QTY>2</ORDER_QTY><PRICE_GRS>9.66</PRICE_GRS><IMPORT_REF>line-1</IMPORT_REF></ORDER_ITEM>")
                .contains("<ORDER_QTY>1</ORDER_QTY><PRICE_GRS>9.68</PRICE_GRS><IMPORT_REF>line-1</IMPORT_REF>")
                .as("a zero-rated line goes net, as the sample advises").contains("<PRICE_NET>8.99</PRICE_NET>")
                .contains("<ORDER_AMOUNT>41.94</ORDER_AMOUNT>").contains("<DELIVERY_NET>3.29</DELIVERY_NET><DELIVERY_TAX>0.66</DELIVERY_TAX>")
                .contains("<ASSOCIATED_REF>10042</ASSOCIATED_REF>").contains("<ORDER_DATE>2026-12-07 09:58:01</ORDER_DATE>")
                .contains("<COMPANY_CODE>C1001</COMPANY_CODE>").contains("<PREAUTH>0</PREAUTH>").doesNotContain("TAX_RATE");

        SalesOrderValues values = format.values(xml).orElseThrow();
        assertThat(values.grossTotal()).isEqualByComparingTo("41.94");
        assertThat(values.deliveryGross()).isEqualByComparingTo("3.95");
        assertThat(values.paymentsTotal()).isEqualByComparingTo("41.94");
        assertThat(values.lines()).extracting(SalesOrderValues.Line::lineId, SalesOrderValues.Line::quantity,
                l -> l.unitGross().multiply(BigDecimal.valueOf(l.quantity())).subtract(l.discount()).stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("line-1", 3, "29"), org.assertj.core.groups.Tuple.tuple("line-2", 1, "8.99"));
    }

    @Test
    void aTaxFreeOrder_goesNetAtTheZeroCode_andAMissingPostcodeIsADot_asKeystonesClientSendsIt() {
        String xml = format.write(order(true, "", line("SCARF", 2, "10.00", "0", "20", "line-1")));

        assertThat(xml).contains("<ORDER_QTY>2</ORDER_QTY><PRICE_NET>10.00</PRICE_NET><TAX_RATE>2</TAX_RATE>")
                .contains("<IPOSTCODE>.</IPOSTCODE>").contains("<DPOSTCODE>.</DPOSTCODE>").contains("<DELIVERY_TAX>0.00</DELIVERY_TAX>");
    }

    @Test
    void somethingElse_readsBackAsNothing() {
        assertThat(format.values("{\"Header\":{}}")).isEmpty();
        assertThat(format.values("<SALES_ORDERS/>")).isEmpty();
        assertThat(format.values(null)).isEmpty();
    }
}
