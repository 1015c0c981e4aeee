package com.shopkhaos.model.despatch;

import com.shopkhaos.model.despatch.ShopDeliveries.DeliveryView;
import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosShipment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the shop must be told about an order's despatch, decided from the shop's order as it is now and every
 * shipment Khaos reported: the tracking codes to add, a change of shipping method, the delivery's transition and
 * the order's. Anything that makes the despatch doubtful (a line not on the order, more shipped than ordered, a
 * delivery or order cancelled in the shop) holds the whole write-back: nothing is half-written.
 *
 * @param trackingCodes  the delivery's whole list to write (what it has, then the new ones); empty: no write
 * @param shippingMethod a Shopware shipping method (id or technical name) to set; empty: leave it
 * @param deliveryAction the delivery's change, if any
 * @param holds          problems that stop the write-back
 * @param notices        problems for a person that do not stop it
 */
public record DespatchPlan(String deliveryId, Optional<ShopDeliveryState> deliveryState, List<String> trackingCodes,
                           List<String> newTrackingCodes, String shippingMethod, Optional<DeliveryChange> deliveryAction,
                           List<OrderChange> orderActions,
                           ShippedUnits.Progress progress, List<Problem> holds, List<Problem> notices) {

    /** A problem for a person, of one type. */
    public record Problem(ExceptionType type, String reason) {
    }

    public boolean writesAnything() {
        return !trackingCodes.isEmpty() || !shippingMethod.isEmpty() || deliveryAction.isPresent() || !orderActions.isEmpty();
    }

    /**
     * @param courierToShippingMethod Khaos courier (code, name or id) → shop shipping method, from the mappings
     */
    public static DespatchPlan decide(ShopDeliveries.ShopOrderView order, Collection<KhaosShipment> shipments, boolean khaosCancelled,
                                      DespatchSettings settings, UnaryOperator<String> stockCodeOfSku,
                                      Map<String, String> courierToShippingMethod) {
        List<Problem> holds = new ArrayList<>();
        List<Problem> notices = new ArrayList<>();
        ShippedUnits units = ShippedUnits.count(order.lines(), shipments, stockCodeOfSku, order.otherLineIds());
        ShippedUnits.Progress progress = units.progress(order.lines());
        units.notOnOrder().forEach(item -> holds.add(new Problem(ExceptionType.DESPATCH_LINE_NOT_ON_ORDER,
                "Khaos shipped " + item + ", which is not on shop order " + order.orderNumber())));
        units.overShipped().forEach(line -> holds.add(new Problem(ExceptionType.DESPATCH_MORE_THAN_ORDERED,
                "on order " + order.orderNumber() + " Khaos reports " + line)));

        Optional<ShopDeliveries.DeliveryView> chosen = order.deliveries().stream()
                .filter(d -> d.state() != ShopDeliveryState.CANCELLED).findFirst();
        if (order.state() == ShopOrderState.CANCELLED) {
            if (progress != ShippedUnits.Progress.NONE) {
                holds.add(new Problem(ExceptionType.DELIVERY_NOT_WRITABLE, "order " + order.orderNumber()
                        + " is cancelled in the shop, but Khaos shipped it"));
            } else {
                return new DespatchPlan("", Optional.empty(), List.of(), List.of(), "", Optional.empty(), List.of(), progress, holds,
                        notices);
            }
        } else if (chosen.isEmpty() && progress != ShippedUnits.Progress.NONE) {
            holds.add(new Problem(ExceptionType.DELIVERY_NOT_WRITABLE, order.deliveries().isEmpty()
                    ? "order " + order.orderNumber() + " has no delivery in the shop to mark shipped"
                    : "the delivery of order " + order.orderNumber() + " is cancelled in the shop, but Khaos shipped it"));
        }
        ShopDeliveries.DeliveryView delivery = chosen.orElse(order.deliveries().isEmpty() ? null : order.deliveries().get(0));
        if (!holds.isEmpty() || delivery == null) {
            return new DespatchPlan(delivery == null ? "" : delivery.id(), Optional.ofNullable(delivery).map(DeliveryView::state),
                    List.of(), List.of(), "", Optional.empty(), List.of(), progress, holds, notices);
        }

        List<KhaosShipment> left = ShippedUnits.departed(shipments);
        LinkedHashSet<String> codes = new LinkedHashSet<>(delivery.trackingCodes());
        List<String> added = new ArrayList<>();
        for (KhaosShipment shipment : left) {
            boolean tracked = false;
            for (KhaosShipment.Parcel parcel : shipment.parcels()) {
                if (!parcel.consignmentRef().isEmpty()) {
                    tracked = true;
                    if (codes.add(parcel.consignmentRef())) {
                        added.add(parcel.consignmentRef());
                    }
                }
            }
            if (!tracked) {
                notices.add(new Problem(ExceptionType.DESPATCH_WITHOUT_TRACKING, "shipment " + shipment.code() + " of order "
                        + order.orderNumber() + " left the warehouse with no consignment reference: the shop's shipping "
                        + "mail has no tracking code for it"));
            }
        }
        String method = shippingMethod(left, courierToShippingMethod, delivery);
        List<String> trackingCodes = added.isEmpty() && method.isEmpty() ? List.of() : List.copyOf(codes);

        Optional<DeliveryChange> deliveryAction = switch (delivery.state()) {
            case OPEN -> progress == ShippedUnits.Progress.FULL ? Optional.of(DeliveryChange.SHIP)
                    : progress == ShippedUnits.Progress.PARTIAL ? Optional.of(DeliveryChange.SHIP_PARTIALLY) : Optional.empty();
            case SHIPPED_PARTIALLY -> progress == ShippedUnits.Progress.FULL ? Optional.of(DeliveryChange.SHIP) : Optional.empty();
            default -> Optional.empty();
        };
        List<OrderChange> orderActions = new ArrayList<>();
        if (settings.orderStateFollows() && progress != ShippedUnits.Progress.NONE) {
            if (order.state() == ShopOrderState.OPEN) {
                orderActions.add(OrderChange.PROCESS);
            }
            if (progress == ShippedUnits.Progress.FULL && order.state().isActive()) {
                orderActions.add(OrderChange.COMPLETE);
            }
        }
        if (khaosCancelled && progress != ShippedUnits.Progress.FULL) {
            if (progress == ShippedUnits.Progress.NONE && settings.khaosCancellation() == DespatchSettings.KhaosCancellation.CANCEL_ORDER) {
                if (delivery.state() == ShopDeliveryState.OPEN) {
                    deliveryAction = Optional.of(DeliveryChange.CANCEL);
                }
                if (order.state().isActive()) {
                    orderActions.add(OrderChange.CANCEL);
                }
            } else {
                notices.add(new Problem(ExceptionType.CANCELLED_IN_KHAOS, "Khaos cancelled order " + order.orderNumber()
                        + (progress == ShippedUnits.Progress.NONE ? " before anything shipped"
                        : " after part of it shipped: the units not shipped will not come")));
            }
        }
        return new DespatchPlan(delivery.id(), Optional.of(delivery.state()), trackingCodes, List.copyOf(added), method, deliveryAction,
                List.copyOf(orderActions), progress, holds, notices);
    }

    /** The shop method the latest parcel's courier maps to, when the delivery has a different one. */
    private static String shippingMethod(List<KhaosShipment> left, Map<String, String> courierToShippingMethod,
                                         ShopDeliveries.DeliveryView delivery) {
        if (courierToShippingMethod.isEmpty()) {
            return "";
        }
        String mapped = "";
        for (KhaosShipment shipment : left) {
            for (KhaosShipment.Parcel parcel : shipment.parcels()) {
                for (String key : List.of(parcel.courier().code(), parcel.courier().name(), parcel.courier().id())) {
                    String m = lookup(courierToShippingMethod, key);
                    if (!m.isEmpty()) {
                        mapped = m;
                        break;
                    }
                }
            }
        }
        if (mapped.equalsIgnoreCase(delivery.shippingMethodId()) || mapped.equalsIgnoreCase(delivery.shippingMethodTechnicalName())) {
            return "";
        }
        return mapped;
    }

    private static String lookup(Map<String, String> map, String key) {
        if (key.isEmpty()) {
            return "";
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().trim().toLowerCase(Locale.ROOT).equals(key.trim().toLowerCase(Locale.ROOT))) {
                return e.getValue().trim();
            }
        }
        return "";
    }
}
