package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A shop order as the order flow needs it, read from Shopware by the infra adapter (the anti-corruption
 * layer: Shopware's own JSON never reaches the domain). Amounts as Shopware stated them.
 *
 * @param state the order's state in the shop (mapped from the shop's state machine by the adapter)
 * @param salesChannelId the sales channel it was placed in (empty when the shop did not say)
 * @param currencyFactor the order currency's rate to the shop's default currency at the time of the order (1 for it)
 */
public record ShopOrder(String orderId, String orderNumber, Instant placedAt, String currency, TaxStatus taxStatus,
                        BigDecimal amountTotal, BigDecimal amountNet, BigDecimal shippingTotal, List<TaxPortion> taxes,
                        ShopCustomer customer, ShopAddress billing, List<ShopDelivery> deliveries, List<ShopLine> lines,
                        List<ShopPayment> payments, ShopStates.ShopOrderState state, String salesChannelId,
                        BigDecimal currencyFactor) {

    /** An order of the shop's default currency, sales channel not said. */
    public ShopOrder(String orderId, String orderNumber, Instant placedAt, String currency, TaxStatus taxStatus,
                     BigDecimal amountTotal, BigDecimal amountNet, BigDecimal shippingTotal, List<TaxPortion> taxes,
                     ShopCustomer customer, ShopAddress billing, List<ShopDelivery> deliveries, List<ShopLine> lines,
                     List<ShopPayment> payments, ShopStates.ShopOrderState state) {
        this(orderId, orderNumber, placedAt, currency, taxStatus, amountTotal, amountNet, shippingTotal, taxes, customer, billing,
                deliveries, lines, payments, state, "", BigDecimal.ONE);
    }

    /** Who ordered. Personal data: never logged. */
    public record ShopCustomer(String email, String firstName, String lastName, String company, String customerNumber) {
        @Override
        public String toString() {
            return "ShopCustomer[<personal data>]";
        }
    }

    public ShopOrder {
        taxes = List.copyOf(taxes);
        deliveries = List.copyOf(deliveries);
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
        salesChannelId = salesChannelId == null ? "" : salesChannelId;
        currencyFactor = currencyFactor == null || currencyFactor.signum() <= 0 ? BigDecimal.ONE : currencyFactor;
    }

    /** An amount of this order in the shop's default currency (Shopware's {@code currencyFactor} divides it back). */
    public BigDecimal inDefaultCurrency(BigDecimal amount) {
        return currencyFactor.compareTo(BigDecimal.ONE) == 0 ? amount
                : amount.divide(currencyFactor, 2, java.math.RoundingMode.HALF_UP);
    }

    /** The payment method the customer chose (the first payment's; empty without one). */
    public String paymentMethodName() {
        return payments.isEmpty() ? "" : payments.get(0).methodName();
    }

    public boolean isCancelled() {
        return state == ShopStates.ShopOrderState.CANCELLED;
    }

    /** Paid or authorized by at least one payment. */
    public boolean isPaidOrAuthorized() {
        return payments.stream().anyMatch(p -> p.isPaid() || p.isAuthorized());
    }
}
