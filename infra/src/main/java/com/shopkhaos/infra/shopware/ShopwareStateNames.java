package com.shopkhaos.infra.shopware;

import com.shopkhaos.model.despatch.ShopStates.DeliveryChange;
import com.shopkhaos.model.despatch.ShopStates.OrderChange;
import com.shopkhaos.model.despatch.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.despatch.ShopStates.ShopOrderState;

/**
 * Shopware's state machine names, mapped to and from the core's words: the technical names of the {@code order.state}
 * and {@code order_delivery.state} machines, and the transition actions of {@code POST /api/_action/order/{id}/state/{action}}
 * and {@code …/order_delivery/{id}/state/{action}} (Shopware's {@code OrderStates}, {@code OrderDeliveryStates} and
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
