package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A shop order as the order flow needs it, read from Shopware by the infra adapter (the anti-corruption
 * layer: Shopware's own JSON never reaches the domain). Amounts as Shopware stated them.
 *
 * @param state the order's state in the shop (mapped from the shop's state machine by the adapter)
 */
public record ShopOrder(String orderId, String orderNumber, Instant placedAt, String currency, TaxStatus taxStatus,
                        BigDecimal amountTotal, BigDecimal amountNet, BigDecimal shippingTotal, List<TaxPortion> taxes,
                        ShopCustomer customer, ShopAddress billing, List<ShopDelivery> deliveries, List<ShopLine> lines,
                        List<ShopPayment> payments, ShopStates.ShopOrderState state) {

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
    }

    public boolean isCancelled() {
        return state == ShopStates.ShopOrderState.CANCELLED;
    }

    /** Paid or authorized by at least one payment. */
    public boolean isPaidOrAuthorized() {
        return payments.stream().anyMatch(p -> p.isPaid() || p.isAuthorized());
    }
}
