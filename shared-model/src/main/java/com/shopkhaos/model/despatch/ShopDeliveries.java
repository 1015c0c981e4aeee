package com.shopkhaos.model.despatch;

import com.shopkhaos.model.order.ShopStates;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the shop's side of a despatch: the order with its lines and deliveries, the delivery's tracking codes (and
 * shipping method), and the state transitions that make the shop send its shipping mail.
 */
public interface ShopDeliveries {

    /**
     * An order as the write-back needs it. {@code state}: the order's state in the core's words;
     * {@code otherLineIds}: its lines that are not products (promotions, sent to Khaos as a non-stock item, come back
     * in its shipments and are not units to ship).
     */
    record ShopOrderView(String orderId, String orderNumber, ShopStates.ShopOrderState state, List<OrderedLine> lines,
                         List<DeliveryView> deliveries,
                         Set<String> otherLineIds) {
        public ShopOrderView {
            lines = List.copyOf(lines);
            deliveries = List.copyOf(deliveries);
            otherLineIds = otherLineIds == null ? Set.of() : Set.copyOf(otherLineIds);
        }

        public ShopOrderView(String orderId, String orderNumber, ShopStates.ShopOrderState state, List<OrderedLine> lines,
                             List<DeliveryView> deliveries) {
            this(orderId, orderNumber, state, lines, deliveries, Set.of());
        }
    }

    /** A product line: its line item id (what Khaos echoes as ImportRef), SKU and units ordered. */
    record OrderedLine(String lineItemId, String sku, int quantity) {
        public OrderedLine {
            Objects.requireNonNull(lineItemId, "lineItemId");
            sku = sku == null ? "" : sku;
        }
    }

    /** A delivery: its state, tracking codes and method. */
    record DeliveryView(String id, ShopStates.ShopDeliveryState state, List<String> trackingCodes, String shippingMethodId,
                        String shippingMethodTechnicalName) {
        public DeliveryView {
            trackingCodes = List.copyOf(trackingCodes);
            shippingMethodId = shippingMethodId == null ? "" : shippingMethodId;
            shippingMethodTechnicalName = shippingMethodTechnicalName == null ? "" : shippingMethodTechnicalName;
        }
    }

    Optional<ShopOrderView> order(String shopId, String orderId);

    /**
     * Writes the delivery's whole list of tracking codes, and its shipping method when {@code shippingMethod} is not
     * empty (a Shopware shipping method id or technical name), in one request.
     */
    void updateDelivery(String shopId, String deliveryId, List<String> trackingCodes, String shippingMethod);

    /** Changes the delivery's state (the shop sends its mail); one the shop refuses from where it is now throws {@link IllegalShopTransitionException}. */
    void transitionDelivery(String shopId, String deliveryId, ShopStates.DeliveryChange change);

    /** Changes the order's state; one the shop refuses from where it is now throws {@link IllegalShopTransitionException}. */
    void transitionOrder(String shopId, String orderId, ShopStates.OrderChange change);

    /** The shop refused a state change from the state its entity is in now (someone else moved it first). */
    class IllegalShopTransitionException extends RuntimeException {
        public IllegalShopTransitionException(String message) {
            super(message);
        }
    }

    /** The shop refused what we wrote for a reason retrying will not cure (a 400 other than an illegal transition). */
    class WriteRefusedException extends RuntimeException {
        public WriteRefusedException(String message) {
            super(message);
        }
    }
}
