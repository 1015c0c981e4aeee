package com.shopkhaos.model.ledger;

/** A flow asked for a state change the order's lifecycle does not allow. */
public class IllegalOrderTransitionException extends RuntimeException {
    private final OrderState from;
    private final OrderState to;

    public IllegalOrderTransitionException(String orderId, OrderState from, OrderState to) {
        super("order " + orderId + " cannot move from " + from + " to " + to
                + " (allowed: " + from.legalNextStates() + ")");
        this.from = from;
        this.to = to;
    }

    public OrderState from() {
        return from;
    }

    public OrderState to() {
        return to;
    }
}
