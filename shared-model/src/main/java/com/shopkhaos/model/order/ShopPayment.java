package com.shopkhaos.model.order;

import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import java.math.BigDecimal;

/** A payment transaction of the order and its state (open, paid, authorized, …). */
public record ShopPayment(String transactionId, String methodTechnicalName, String methodName, ShopPaymentState state,
                          BigDecimal amount) {
    public boolean isPaid() {
        return state.isPaid();
    }

    public boolean isAuthorized() {
        return state == ShopPaymentState.AUTHORIZED;
    }
}
