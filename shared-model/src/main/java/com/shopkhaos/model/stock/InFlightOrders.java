package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stock shop orders have taken that Khaos's Available does not show yet, kept per stock code and order
 * ({@link InFlightHolds}): what an order holds follows the order as the shop has it now (codes it no longer has are
 * released), and every change bumps the sequence of each code it touched ({@link StockVersions}) after its writes, also
 * when a redelivery finds the writes done (the first try may have failed before its bump).
 *
 * <p>A change of an order's holds must reach the stock push: {@link #hold} and {@link #release} answer the codes whose
 * stock change is to be sent, and the caller reports it sent ({@link #changeSent}) once the queue took it. Until then the
 * holds are stored as unsent, so a redelivery after the queue refused the change answers those codes again, though the
 * holds are already what they should be. A released code keeps a hold of 0 until its change was sent.
 */
public final class InFlightOrders {
    private final InFlightHolds holds;
    private final StockVersions versions;

    public InFlightOrders(InFlightHolds holds, StockVersions versions) {
        this.holds = holds;
        this.versions = versions;
    }

    /** An order's holds whose stock change is to be sent: each code with the quantity now held (0: released). */
    public record Change(String orderId, Map<String, Integer> quantityByStockCode) {
        public Change {
            quantityByStockCode = Map.copyOf(quantityByStockCode);
        }

        public Set<String> stockCodes() {
            return new TreeSet<>(quantityByStockCode.keySet());
        }
    }

    /** The order holds these quantities (replacing what it held before; codes it no longer has are released). */
    public Change hold(String orderId, String orderNumber, Map<String, Integer> quantityByStockCode, Instant at) {
        Map<String, Integer> unsent = new TreeMap<>();
        quantityByStockCode.forEach((code, quantity) -> {
            if (holds.store(new InFlightHold(code, orderId, orderNumber, quantity, at, null))) {
                unsent.put(code, quantity);
            }
        });
        Set<String> touched = new TreeSet<>(quantityByStockCode.keySet());
        for (String code : holds.codesOf(orderId)) {
            if (!quantityByStockCode.containsKey(code)) {
                if (holds.store(new InFlightHold(code, orderId, orderNumber, 0, at, null))) {
                    unsent.put(code, 0);
                }
                touched.add(code);
            }
        }
        versions.bump(touched);
        return new Change(orderId, unsent);
    }

    /** The order holds nothing any more (withdrawn before Khaos had it). */
    public Change release(String orderId, String orderNumber, Instant at) {
        return hold(orderId, orderNumber, Map.of(), at);
    }

    /** The queue took the change: the holds are sent, and the released ones are forgotten. */
    public void changeSent(Change change) {
        change.quantityByStockCode().forEach((code, quantity) -> {
            if (quantity == 0) {
                holds.forget(code, change.orderId());
            } else {
                holds.changeSent(code, change.orderId(), quantity);
            }
        });
    }

    /** Khaos has the order since {@code at}; its holds count until Khaos's figures are later; answers their codes. */
    public Set<String> imported(String orderId, Instant at) {
        Set<String> codes = holds.codesOf(orderId);
        codes.forEach(code -> holds.imported(code, orderId, at));
        versions.bump(codes);
        return codes;
    }

    /** Removes a hold Khaos's figures have caught up with (housekeeping). */
    public void forget(String stockCode, String orderId) {
        holds.forget(stockCode, orderId);
    }

    /** The code's holds of some quantity. */
    public List<InFlightHold> holds(String stockCode) {
        return holds.holds(stockCode).stream().filter(h -> h.quantity() > 0).toList();
    }

    /** Every hold of some quantity (the full reconcile reads them once). */
    public List<InFlightHold> all() {
        return holds.all().stream().filter(h -> h.quantity() > 0).toList();
    }
}
