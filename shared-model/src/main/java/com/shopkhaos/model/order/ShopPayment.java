package com.shopkhaos.model.order;

import java.math.BigDecimal;

/** A payment transaction of the order and its state (open, paid, authorized, …). */
public record ShopPayment(String transactionId, String methodTechnicalName, String methodName, String state,
                          BigDecimal amount) {
    public boolean isPaid() {
        return state.equals("paid") || state.equals("paid_partially");
    }

    public boolean isAuthorized() {
        return state.equals("authorized");
    }
}
