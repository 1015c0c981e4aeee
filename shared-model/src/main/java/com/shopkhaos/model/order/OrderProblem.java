package com.shopkhaos.model.order;

import com.shopkhaos.model.exceptionledger.ExceptionType;

/**
 * A reason an order cannot go to Khaos as it is, for the exception ledger. One per problem: the same
 * problem on the same order always has the same key, so a redelivery finds the same exception.
 *
 * @param key    what it is about within the order (a SKU, a delivery method, a VAT rate …)
 * @param reason plain words for the person who fixes it
 */
public record OrderProblem(ExceptionType type, String key, String reason) {
    /** The exception ledger subject: order number and key. */
    public String subject(String orderNumber) {
        return orderNumber + ":" + key;
    }
}
