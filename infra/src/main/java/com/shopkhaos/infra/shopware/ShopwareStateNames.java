package com.shopkhaos.infra.shopware;

import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;

/**
 * Shopware's state machine names, mapped to and from the core's words: the technical names of the {@code order.state},
 * {@code order_delivery.state} and {@code order_transaction.state} machines, and the transition actions of {@code POST /api/_action/order/{id}/state/{action}}
 * and {@code …/order_delivery/{id}/state/{action}} (Shopware's {@code OrderStates}, {@code OrderDeliveryStates},
 * {@code OrderTransactionStates} and
 * {@code StateMachineTransitionActions}). A name Shopware adds later is {@code OTHER}: the write-back leaves it alone.
 */
final class ShopwareStateNames {
    private ShopwareStateNames() {
    }

    static ShopOrderState orderState(String technicalName) {
        return switch (technicalName) {
            case "open" -> ShopOrderState.OPEN;
            case "in_progress" -> ShopOrderState.IN_PROGRESS;
            case "completed" -> ShopOrderState.COMPLETED;
            case "cancelled" -> ShopOrderState.CANCELLED;
            default -> ShopOrderState.OTHER;
        };
    }

    static ShopDeliveryState deliveryState(String technicalName) {
        return switch (technicalName) {
            case "open" -> ShopDeliveryState.OPEN;
            case "shipped_partially" -> ShopDeliveryState.SHIPPED_PARTIALLY;
            case "shipped" -> ShopDeliveryState.SHIPPED;
            case "returned_partially" -> ShopDeliveryState.RETURNED_PARTIALLY;
            case "returned" -> ShopDeliveryState.RETURNED;
            case "cancelled" -> ShopDeliveryState.CANCELLED;
            default -> ShopDeliveryState.OTHER;
        };
    }

    static ShopPaymentState paymentState(String technicalName) {
        return switch (technicalName) {
            case "open" -> ShopPaymentState.OPEN;
            case "authorized" -> ShopPaymentState.AUTHORIZED;
            case "paid_partially" -> ShopPaymentState.PAID_PARTIALLY;
            case "paid" -> ShopPaymentState.PAID;
            case "refunded_partially" -> ShopPaymentState.REFUNDED_PARTIALLY;
            case "refunded" -> ShopPaymentState.REFUNDED;
            case "chargeback" -> ShopPaymentState.CHARGEBACK;
            case "cancelled" -> ShopPaymentState.CANCELLED;
            case "failed" -> ShopPaymentState.FAILED;
            default -> ShopPaymentState.OTHER;
        };
    }

    static String action(DeliveryChange change) {
        return switch (change) {
            case SHIP -> "ship";
            case SHIP_PARTIALLY -> "ship_partially";
            case CANCEL -> "cancel";
        };
    }

    static String action(OrderChange change) {
        return switch (change) {
            case PROCESS -> "process";
            case COMPLETE -> "complete";
            case CANCEL -> "cancel";
        };
    }
}
