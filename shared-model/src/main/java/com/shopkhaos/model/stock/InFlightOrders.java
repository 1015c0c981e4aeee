package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stock shop orders have taken that Khaos's Available does not show yet, kept per stock code and order
 * ({@link InFlightHolds}): what an order holds follows the order as the shop has it now (codes it no longer has are
 * released), and every change bumps the sequence of each code it touched ({@link StockVersions}) after its writes.
 *
 * <p>A change of an order's holds must reach the stock push. The caller says what the order held before, as its ledger
 * recorded it once the last change was on the queue; {@link #hold} answers the codes whose stock change is to be sent,
 * and the caller records the new holds only once the queue took it. A redelivery before that finds the record old and
 * does the change again: the same writes, a bump and the change sent once more, never a change lost. An order whose
 * holds are as recorded costs nothing here.
 */
public final class InFlightOrders {
    private final InFlightHolds holds;
    private final StockVersions versions;

    public InFlightOrders(InFlightHolds holds, StockVersions versions) {
        this.holds = holds;
        this.versions = versions;
    }

    /**
     * The order holds these quantities (replacing what it held before; codes it no longer has are released).
     *
     * @param before what it held as last recorded (stock code → units), or empty when not recorded or not to be trusted:
     *               then each of its codes is written again
     * @return the codes whose holds changed, bumped after the writes: their stock change is the caller's to send
     */
    public Set<String> hold(String orderId, String orderNumber, Optional<Map<String, Integer>> before,
                            Map<String, Integer> quantityByStockCode, Instant at) {
        return change(orderId, orderNumber, before, quantityByStockCode, at, false);
    }

    /**
     * The order holds nothing any more (withdrawn before Khaos had it); answers the codes released. Its holds as stored
     * are read too, so a hold written by an attempt whose record was never saved is released with the rest.
     */
    public Set<String> release(String orderId, String orderNumber, Optional<Map<String, Integer>> before, Instant at) {
        return change(orderId, orderNumber, before, Map.of(), at, true);
    }

    /**
     * A change reads the order's holds as stored besides the record (one query of the by-order index), so a hold an
     * earlier attempt wrote without its record being saved is released too; an order whose holds are as recorded costs
     * nothing.
     */
    private Set<String> change(String orderId, String orderNumber, Optional<Map<String, Integer>> before,
                               Map<String, Integer> quantityByStockCode, Instant at, boolean alwaysRead) {
        Map<String, Integer> now = new TreeMap<>();
        quantityByStockCode.forEach((code, quantity) -> {
            if (quantity > 0) {
                now.put(code, quantity);
            }
        });
        Map<String, Integer> recorded = before.orElse(Map.of());
        Set<String> stores = new TreeSet<>();
        now.forEach((code, quantity) -> {
            if (before.isEmpty() || !quantity.equals(recorded.get(code))) {
                stores.add(code);
            }
        });
        Set<String> releases = new TreeSet<>(recorded.keySet());
        releases.removeAll(now.keySet());
        if (!alwaysRead && before.isPresent() && stores.isEmpty() && releases.isEmpty()) {
            return Set.of();
        }
        for (String code : holds.codesOf(orderId)) {
            if (!now.containsKey(code)) {
                releases.add(code);
            }
        }
        stores.forEach(code -> holds.store(new InFlightHold(code, orderId, orderNumber, now.get(code), at, null)));
        releases.forEach(code -> holds.forget(code, orderId));
        Set<String> touched = new TreeSet<>(stores);
        touched.addAll(releases);
        versions.bump(touched);
        return touched;
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
