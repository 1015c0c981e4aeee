package com.shopkhaos.model.despatch;

import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's side of despatches in memory, with Shopware 6.6's state machines: {@code ship} from open or shipped
 * partially, {@code ship_partially} from open, {@code process} from open, {@code complete} from in progress, {@code cancel}
 * from anywhere; any other change throws {@link IllegalShopTransitionException}, as the Admin API's 400
 * SYSTEM__ILLEGAL_STATE_TRANSITION does. The delivery's tracking codes are replaced by the list written. Moving a delivery
 * to shipped or shipped partially sends the customer a mail with the codes the delivery has at that moment
 * ({@link #mails}). {@link #calls} records every write the shop took; {@link #failNext} and {@link #beforeNext} let a
 * test fail a call or put another actor's change in front of it (calls: order, updateDelivery, transitionDelivery,
 * transitionOrder).
 */
public final class InMemoryShopDeliveries implements ShopDeliveries {
    private static final class Delivery {
        final String id;
        ShopDeliveryState state;
        List<String> codes;
        String methodId;
        String methodTechnicalName;

        Delivery(DeliveryView d) {
            id = d.id();
            state = d.state();
            codes = d.trackingCodes();
            methodId = d.shippingMethodId();
            methodTechnicalName = d.shippingMethodTechnicalName();
        }

        DeliveryView view() {
            return new DeliveryView(id, state, codes, methodId, methodTechnicalName);
        }
    }

    private static final class Order {
        final String shopId;
        final ShopOrderView original;
        ShopOrderState state;
        final List<Delivery> deliveries = new ArrayList<>();

        Order(String shopId, ShopOrderView view) {
            this.shopId = shopId;
            this.original = view;
            this.state = view.state();
            view.deliveries().forEach(d -> deliveries.add(new Delivery(d)));
        }

        ShopOrderView view() {
            return new ShopOrderView(original.orderId(), original.orderNumber(), state, original.lines(),
                    deliveries.stream().map(Delivery::view).toList(), original.otherLineIds());
        }
    }

    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
    private final Map<String, Deque<Runnable>> before = new HashMap<>();
    /** Every write the shop took, in order: "tracking d1 [JD1]", "delivery d1 ship", "order o1 process" … */
    public final List<String> calls = new ArrayList<>();
    /** Every shipping mail the shop sent: "d1 shipped [JD1]". */
    public final List<String> mails = new ArrayList<>();
    public int reads;

    public synchronized void put(String shopId, ShopOrderView order) {
        orders.put(order.orderId(), new Order(shopId, order));
    }

    public synchronized void delete(String orderId) {
        orders.remove(orderId);
    }

    /** The order as the shop has it now. */
    public synchronized ShopOrderView view(String orderId) {
        return orders.get(orderId).view();
    }

    /** The next {@code call} throws {@code failure} without changing anything. */
    public synchronized void failNext(String call, RuntimeException failure) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).add(failure);
    }

    /** Runs {@code action} (another actor's change) just before the next {@code call}. */
    public synchronized void beforeNext(String call, Runnable action) {
        before.computeIfAbsent(call, c -> new ArrayDeque<>()).add(action);
    }

    @Override
    public Optional<ShopOrderView> order(String shopId, String orderId) {
        enter("order");
        synchronized (this) {
            reads++;
            return Optional.ofNullable(orders.get(orderId)).filter(o -> o.shopId.equals(shopId)).map(Order::view);
        }
    }

    @Override
    public void updateDelivery(String shopId, String deliveryId, List<String> trackingCodes, String shippingMethod) {
        enter("updateDelivery");
        synchronized (this) {
            Delivery d = delivery(shopId, deliveryId);
            d.codes = List.copyOf(trackingCodes);
            if (!shippingMethod.isEmpty()) {
                d.methodTechnicalName = shippingMethod;
                d.methodId = "";
            }
            calls.add("tracking " + deliveryId + " " + trackingCodes + (shippingMethod.isEmpty() ? "" : " via " + shippingMethod));
        }
    }

    @Override
    public void transitionDelivery(String shopId, String deliveryId, DeliveryChange change) {
        enter("transitionDelivery");
        synchronized (this) {
            Delivery d = delivery(shopId, deliveryId);
            d.state = destination(d.state, change).orElseThrow(() -> new IllegalShopTransitionException(
                    "SYSTEM__ILLEGAL_STATE_TRANSITION: delivery " + deliveryId + " cannot " + change.label() + " from " + d.state.label()));
            calls.add("delivery " + deliveryId + " " + change.label());
            if (d.state == ShopDeliveryState.SHIPPED || d.state == ShopDeliveryState.SHIPPED_PARTIALLY) {
                mails.add(deliveryId + " " + d.state.label() + " " + d.codes);
            }
        }
    }

    @Override
    public void transitionOrder(String shopId, String orderId, OrderChange change) {
        enter("transitionOrder");
        synchronized (this) {
            Order o = orders.get(orderId);
            if (o == null || !o.shopId.equals(shopId)) {
                throw new WriteRefusedException("404: no order " + orderId);
            }
            o.state = destination(o.state, change).orElseThrow(() -> new IllegalShopTransitionException(
                    "SYSTEM__ILLEGAL_STATE_TRANSITION: order " + orderId + " cannot " + change.label() + " from " + o.state));
            calls.add("order " + orderId + " " + change.label());
        }
    }

    /** Another actor (a person in the shop admin) changes the delivery's state directly. */
    public synchronized void moveDelivery(String orderId, ShopDeliveryState state) {
        orders.get(orderId).deliveries.get(0).state = state;
    }

    public synchronized void moveOrder(String orderId, ShopOrderState state) {
        orders.get(orderId).state = state;
    }

    private static Optional<ShopDeliveryState> destination(ShopDeliveryState from, DeliveryChange change) {
        return switch (change) {
            case SHIP -> from == ShopDeliveryState.OPEN || from == ShopDeliveryState.SHIPPED_PARTIALLY
                    ? Optional.of(ShopDeliveryState.SHIPPED) : Optional.empty();
            case SHIP_PARTIALLY -> from == ShopDeliveryState.OPEN ? Optional.of(ShopDeliveryState.SHIPPED_PARTIALLY) : Optional.empty();
            case CANCEL -> Optional.of(ShopDeliveryState.CANCELLED);
        };
    }

    private static Optional<ShopOrderState> destination(ShopOrderState from, OrderChange change) {
        return switch (change) {
            case PROCESS -> from == ShopOrderState.OPEN ? Optional.of(ShopOrderState.IN_PROGRESS) : Optional.empty();
            case COMPLETE -> from == ShopOrderState.IN_PROGRESS ? Optional.of(ShopOrderState.COMPLETED) : Optional.empty();
            case CANCEL -> Optional.of(ShopOrderState.CANCELLED);
        };
    }

    private Delivery delivery(String shopId, String deliveryId) {
        return orders.values().stream().filter(o -> o.shopId.equals(shopId)).flatMap(o -> o.deliveries.stream())
                .filter(d -> d.id.equals(deliveryId)).findFirst()
                .orElseThrow(() -> new WriteRefusedException("404: no delivery " + deliveryId));
    }

    /** Runs the actor queued for this call, then throws the failure queued for it, if any. */
    private void enter(String call) {
        Runnable action;
        RuntimeException failure;
        synchronized (this) {
            action = poll(before, call);
            failure = poll(failures, call);
        }
        if (action != null) {
            action.run();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> T poll(Map<String, Deque<T>> queues, String call) {
        Deque<T> queue = queues.get(call);
        return queue == null ? null : queue.poll();
    }
}
