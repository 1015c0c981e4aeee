package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopAddress;
import com.shopkhaos.model.order.ShopDelivery;
import com.shopkhaos.model.order.ShopLine;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.order.TaxStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Shop orders as the Shopware adapter reads them (UK consumer orders, prices with 20% VAT, Royal Mail delivery), the
 * channel's translation policy and Khaos catalogue items as the sandbox configures them, and a readable sales order
 * format. Every order built adds up to the penny, so it is READY unless a test makes something wrong.
 */
public final class TestOrders {
    static final String SHOP = "shop1";
    public static final Instant PLACED = Instant.parse("2026-12-04T10:00:00Z");
    static final BigDecimal VAT = new BigDecimal("20");

    private TestOrders() {
    }

    /** A Shopware order id: 32 hex characters. */
    static String orderId(int n) {
        return String.format("%032x", 0xa0000 + n);
    }

    public static OrderTranslationPolicy policy() {
        return new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP",
                OrderTranslationPolicy.parsePairs("royal_mail_tracked_48=RM48,dpd_next_day=DPDND", "KHAOS_COURIERS"),
                Map.of("payment_card", "Card", "payment_paypal", "PayPal"), Set.of("payment_invoice"), Set.of("cart"), Map.of());
    }

    public static CatalogueItem item(String code) {
        return item(code, false, false);
    }

    static CatalogueItem discontinued(String code) {
        return item(code, true, false);
    }

    static CatalogueItem runToZero(String code) {
        return item(code, false, true);
    }

    private static CatalogueItem item(String code, boolean discontinued, boolean runToZero) {
        return new CatalogueItem("7" + Math.abs(code.hashCode() % 100000), code, code, "", "1", Optional.of(VAT), discontinued,
                runToZero, true, true, false, false, Instant.parse("2026-11-27T09:00:00Z"));
    }

    public static Builder order(int n) {
        return new Builder(orderId(n), Integer.toString(10000 + n));
    }

    /** Builds one order; totals and VAT are worked out from the lines and delivery as Shopware does. */
    public static final class Builder {
        private record Line(String sku, int quantity, BigDecimal unit, boolean known) {
        }

        private final String orderId;
        private final String orderNumber;
        private final List<Line> lines = new ArrayList<>();
        private String paymentMethod = "payment_card";
        private ShopPaymentState paymentState = ShopPaymentState.PAID;
        private ShopOrderState state = ShopOrderState.OPEN;
        private String deliveryMethod = "royal_mail_tracked_48";
        private BigDecimal shipping = new BigDecimal("4.95");
        private String postcode = "LS1 4AP";
        private Instant placedAt = PLACED;
        private String currency = "GBP";
        private BigDecimal currencyFactor = BigDecimal.ONE;
        private String salesChannelId = "web-uk";

        private Builder(String orderId, String orderNumber) {
            this.orderId = orderId;
            this.orderNumber = orderNumber;
        }

        public Builder line(String sku, int quantity, String unitGross) {
            lines.add(new Line(sku, quantity, new BigDecimal(unitGross), true));
            return this;
        }

        /** A line whose product was deleted in the shop since. */
        public Builder deletedProductLine(String sku, int quantity, String unitGross) {
            lines.add(new Line(sku, quantity, new BigDecimal(unitGross), false));
            return this;
        }

        public Builder payment(String method, ShopPaymentState state) {
            this.paymentMethod = method;
            this.paymentState = state;
            return this;
        }

        public Builder unpaid() {
            return payment("payment_card", ShopPaymentState.OPEN);
        }

        public Builder cancelled() {
            this.state = ShopOrderState.CANCELLED;
            return this;
        }

        public Builder deliveredBy(String method) {
            this.deliveryMethod = method;
            return this;
        }

        public Builder placedAt(Instant at) {
            this.placedAt = at;
            return this;
        }

        /** In another currency, at Shopware's {@code currencyFactor} to the shop's default one. */
        public Builder currency(String isoCode, String factor) {
            this.currency = isoCode;
            this.currencyFactor = new BigDecimal(factor);
            return this;
        }

        public Builder salesChannel(String id) {
            this.salesChannelId = id;
            return this;
        }

        public Builder postcode(String postcode) {
            this.postcode = postcode;
            return this;
        }

        public ShopOrder build() {
            ShopAddress address = new ShopAddress("", "Jane", "Smith", "1 Acacia Avenue", "", "", postcode, "Leeds", "GB",
                    "0113 496 0000");
            List<ShopLine> shopLines = new ArrayList<>();
            BigDecimal goods = BigDecimal.ZERO;
            BigDecimal tax = BigDecimal.ZERO;
            for (Line l : lines) {
                BigDecimal total = l.unit().multiply(BigDecimal.valueOf(l.quantity()));
                BigDecimal lineTax = vatIn(total);
                shopLines.add(new ShopLine("line-" + l.sku(), ShopLine.LineKind.PRODUCT, l.sku(), l.sku() + " (label)", l.quantity(),
                        l.unit(), total, List.of(new TaxPortion(VAT, lineTax, total)), "", "", "", l.known()));
                goods = goods.add(total);
                tax = tax.add(lineTax);
            }
            BigDecimal shippingTax = vatIn(shipping);
            BigDecimal total = goods.add(shipping);
            ShopDelivery delivery = new ShopDelivery("del-" + orderId, deliveryMethod, deliveryMethod.replace('_', ' '), shipping,
                    List.of(new TaxPortion(VAT, shippingTax, shipping)), ShopDeliveryState.OPEN, address);
            BigDecimal allTax = tax.add(shippingTax);
            return new ShopOrder(orderId, orderNumber, placedAt, currency, TaxStatus.GROSS, total, total.subtract(allTax), shipping,
                    List.of(new TaxPortion(VAT, allTax, total)),
                    new ShopOrder.ShopCustomer("jane@example.com", "Jane", "Smith", "", "C1001"), address, List.of(delivery),
                    shopLines, List.of(new ShopPayment("tx-" + orderId, paymentMethod, paymentMethod.replace('_', ' '),
                    paymentState, total)), state, salesChannelId, currencyFactor);
        }

        private static BigDecimal vatIn(BigDecimal gross) {
            return gross.multiply(VAT).divide(new BigDecimal("120"), 2, RoundingMode.HALF_UP);
        }
    }

    /** The sales order as text: what Khaos would download, in the fields the tests look at. */
    public static final class TextSalesOrderFormat implements SalesOrderFormat {
        /** The money of every order written, by its text (as the real format reads it back from its JSON). */
        private final Map<String, SalesOrderValues> written = new ConcurrentHashMap<>();

        @Override
        public Optional<SalesOrderValues> values(String text) {
            return Optional.ofNullable(written.get(text));
        }

        @Override
        public String write(KhaosSalesOrder o) {
            String text = text(o);
            written.put(text, SalesOrderValues.of(o));
            return text;
        }

        private static String text(KhaosSalesOrder o) {
            return "AssociatedRef=" + o.associatedRef() + ";CustomData=" + o.customData() + ";Courier=" + o.courierCode()
                    + ";Lines=" + o.lines().stream().map(l -> l.stockCode() + " x" + l.quantity() + " @" + l.unitGross().toPlainString())
                    .collect(Collectors.joining(","))
                    + ";Payments=" + o.payments().stream().map(p -> p.cardType() + " " + p.amount().toPlainString())
                    .collect(Collectors.joining(","))
                    + ";OnAccount=" + o.remainderOnAccount() + ";Postcode=" + o.deliveryAddress().postcode()
                    + ";GrossTotal=" + o.grossTotal().toPlainString();
        }
    }
}
