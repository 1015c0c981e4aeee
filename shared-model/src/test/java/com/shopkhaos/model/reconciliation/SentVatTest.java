package com.shopkhaos.model.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopDelivery;
import com.shopkhaos.model.order.ShopLine;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.ordersync.TestOrders;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VAT Khaos books for what it was sent, per rate: lines at their shop rates, the delivery's VAT over the lines' rates. */
class SentVatTest {

    private static ShopLine line(String sku, int quantity, String total, String rate, String tax) {
        BigDecimal gross = new BigDecimal(total);
        return new ShopLine("line-" + sku, ShopLine.LineKind.PRODUCT, sku, sku, quantity, gross.divide(BigDecimal.valueOf(quantity)), gross,
                List.of(new TaxPortion(new BigDecimal(rate), new BigDecimal(tax), gross)), "", "", "", true);
    }

    private static ShopOrder withLines(List<ShopLine> lines, TaxPortion... deliveryTaxes) {
        ShopOrder base = TestOrders.order(1).line("MUG", 2, "12.00").build();
        ShopDelivery d = base.deliveries().get(0);
        ShopDelivery delivery = new ShopDelivery(d.deliveryId(), d.methodTechnicalName(), d.methodName(), d.cost(), List.of(deliveryTaxes),
                d.state(), d.address());
        return new ShopOrder(base.orderId(), base.orderNumber(), base.placedAt(), base.currency(), base.taxStatus(), base.amountTotal(),
                base.amountNet(), base.shippingTotal(), base.taxes(), base.customer(), base.billing(), List.of(delivery), lines,
                base.payments(), base.state(), base.salesChannelId(), base.currencyFactor());
    }

    private static TaxPortion portion(String rate, String tax, String price) {
        return new TaxPortion(new BigDecimal(rate), new BigDecimal(tax), new BigDecimal(price));
    }

    private static TaxPortion at(List<TaxPortion> portions, String rate) {
        return portions.stream().filter(p -> p.rate().compareTo(new BigDecimal(rate)) == 0).findFirst().orElseThrow();
    }

    @Test
    void aMixedCart_isBookedAtEachLinesRate_andItsDeliveryAsTheShopSplitItOverItsRates() {
        ShopOrder shop = withLines(List.of(line("MUG", 2, "24.00", "20", "4.00"), line("KIDS-COAT", 1, "21.00", "5", "1.00")),
                portion("20", "0.44", "2.64"), portion("5", "0.11", "2.31"));
        SalesOrderValues sent = new SalesOrderValues(List.of(new SalesOrderValues.Line("line-MUG", "MUG", 2, new BigDecimal("12.00"),
                BigDecimal.ZERO), new SalesOrderValues.Line("line-KIDS-COAT", "KIDS-COAT", 1, new BigDecimal("21.00"), BigDecimal.ZERO)),
                new BigDecimal("4.95"), new BigDecimal("49.95"), new BigDecimal("49.95"), new BigDecimal("0.55"));

        List<TaxPortion> vat = SentVat.of(sent, shop);

        assertThat(vat).hasSize(2);
        assertThat(at(vat, "5").price()).as("21.00 and the delivery's 2.31 at 5 %").isEqualByComparingTo("23.31");
        assertThat(at(vat, "5").tax()).as("1.00 and 2.31's VAT at 5 %").isEqualByComparingTo("1.11");
        assertThat(at(vat, "20").price()).isEqualByComparingTo("26.64");
        assertThat(at(vat, "20").tax()).as("4.00 and the delivery's VAT sent, less the 5 % share's").isEqualByComparingTo("4.44");
        assertThat(vat.stream().map(TaxPortion::price).reduce(BigDecimal.ZERO, BigDecimal::add)).as("the whole order")
                .isEqualByComparingTo("49.95");
    }

    @Test
    void aLineDiscountedAsSent_isTaxedOnWhatWasSent_andALineNoShopLineNames_isLeftOut() {
        ShopOrder shop = withLines(List.of(line("MUG", 2, "24.00", "20", "4.00")), portion("20", "0.83", "4.95"));
        SalesOrderValues sent = new SalesOrderValues(List.of(new SalesOrderValues.Line("line-MUG", "MUG", 2, new BigDecimal("12.00"),
                new BigDecimal("6.00")), new SalesOrderValues.Line("line-GONE", "GONE", 1, new BigDecimal("9.00"), BigDecimal.ZERO)),
                BigDecimal.ZERO, new BigDecimal("27.00"));

        List<TaxPortion> vat = SentVat.of(sent, shop);

        assertThat(vat).singleElement().satisfies(p -> {
            assertThat(p.price()).isEqualByComparingTo("18.00");
            assertThat(p.tax()).isEqualByComparingTo("3.00");
        });
    }

    @Test
    void anUntaxedDelivery_isBookedAtNoVat() {
        ShopOrder shop = withLines(List.of(line("BOOK", 1, "10.00", "0", "0")), portion("0", "0", "2.95"));
        SalesOrderValues sent = new SalesOrderValues(List.of(new SalesOrderValues.Line("line-BOOK", "BOOK", 1, BigDecimal.TEN,
                BigDecimal.ZERO)), new BigDecimal("2.95"), new BigDecimal("12.95"), BigDecimal.ZERO, BigDecimal.ZERO);

        assertThat(SentVat.of(sent, shop)).singleElement().satisfies(p -> {
            assertThat(p.rate()).isEqualByComparingTo("0");
            assertThat(p.price()).isEqualByComparingTo("12.95");
            assertThat(p.tax()).isEqualByComparingTo("0");
        });
    }
}
