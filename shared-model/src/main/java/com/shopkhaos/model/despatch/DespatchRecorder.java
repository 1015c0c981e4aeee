package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosOrderStatus;
import com.shopkhaos.model.khaos.KhaosOrderStatusRecorder;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.OrderStatusHandler;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The channel's side of a despatch: applies one order status from Khaos (its state, through the status recorder),
 * keeps the order's shipments, and queues despatch work when a shipment that left the warehouse is new or changed, or
 * when Khaos newly cancelled the order. The work is queued first and the shipments kept after, so a failure between
 * the two makes Khaos send the status again (our answer is not 200) and the work is queued again: never lost, at
 * worst sent twice (the write-back does nothing the second time). A second Khaos order for the same shop order
 * (KCC imported its AssociatedRef twice) keeps and queues nothing: its despatch must never reach the customer's order.
 */
public final class DespatchRecorder implements OrderStatusHandler {
    /** Orders Khaos cannot have: a status for them is the status recorder's problem alone. */
    private static final Set<OrderState> NEVER_SENT = EnumSet.of(OrderState.RECEIVED, OrderState.AWAITING_PAYMENT,
            OrderState.QUARANTINED);

    private final KhaosOrderStatusRecorder statuses;
    private final ShipmentBook book;
    private final DespatchPublisher publisher;
    private final OrderLedger ledger;
    private final Clock clock;

    public DespatchRecorder(KhaosOrderStatusRecorder statuses, ShipmentBook book, DespatchPublisher publisher, OrderLedger ledger,
                            Clock clock) {
        this.statuses = statuses;
        this.book = book;
        this.publisher = publisher;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public KhaosOrderStatusRecorder.Effect apply(KhaosOrderStatus status) {
        Optional<OrderLedgerEntry> found = statuses.find(status);
        if (found.isEmpty() || NEVER_SENT.contains(found.get().state())
                || KhaosOrderStatusRecorder.isSecondKhaosOrder(found.get(), status)) {
            return statuses.apply(status, found);
        }
        OrderLedgerEntry entry = found.get();
        Instant now = clock.instant();
        List<KhaosShipment> departed = keepShipments(entry, status, now);
        // keeping the shipments wrote nothing to the ledger: the entry read above is still the one to change
        KhaosOrderStatusRecorder.Effect effect = statuses.apply(status, found);
        if (!departed.isEmpty()) {
            noteDespatch(entry.orderId(), departed, now);
        }
        return effect;
    }

    /**
     * Queues the work, then keeps the shipments; answers those that left the warehouse and were new or changed. A
     * shipment still in the warehouse with no consignment ref is neither read nor kept: nothing reads it before it
     * leaves ({@link DespatchRules#merge} carries over only what left and the parcels' refs), so the common status, an
     * order being picked or packed, costs the shipments table nothing.
     */
    private List<KhaosShipment> keepShipments(OrderLedgerEntry entry, KhaosOrderStatus status, Instant now) {
        List<KhaosShipment> worthKeeping = status.shipments().stream().filter(DespatchRecorder::worthKeeping).toList();
        Map<String, ShipmentBook.Kept> kept = worthKeeping.isEmpty() ? Map.of() : book.forOrder(entry.orderId());
        List<KhaosShipment> departed = new ArrayList<>();
        List<KhaosShipment> changed = new ArrayList<>();
        for (KhaosShipment reported : worthKeeping) {
            ShipmentBook.Kept k = kept.get(reported.id());
            KhaosShipment merged = DespatchRules.merge(k == null ? null : k.shipment(), reported);
            if (k != null && merged.equals(k.shipment())) {
                continue;
            }
            changed.add(reported);
            if (DespatchRules.hasLeft(merged)) {
                departed.add(merged);
            }
        }
        boolean newlyCancelled = status.isCancelled() && !entry.khaos().khaosProgress().isCancelled();
        if (!departed.isEmpty() || newlyCancelled) {
            publisher.publish(new DespatchNotice(DespatchNotice.VERSION, entry.shopId(), entry.orderId(), entry.orderNumber(),
                    status.orderCode(), status.status(), status.progress(), departed, newlyCancelled && departed.isEmpty() ? "cancelled in Khaos"
                    : departed.stream().map(KhaosShipment::code).collect(Collectors.joining(", ", "despatched ", "")), now));
        }
        for (KhaosShipment reported : changed) {
            keep(entry.orderId(), reported, kept.get(reported.id()));
        }
        return departed;
    }

    /** Whether a reported shipment says anything a later report or the write-back needs: it left, or it has a ref. */
    static boolean worthKeeping(KhaosShipment reported) {
        return DespatchRules.hasLeft(reported) || reported.parcels().stream().anyMatch(p -> !p.consignmentRef().isEmpty());
    }

    /** Keeps the merged shipment; the order's shipments are read again only when another writer came first. */
    private void keep(String orderId, KhaosShipment reported, ShipmentBook.Kept read) {
        ShipmentBook.Kept[] k = {read};
        ReadAgainOnConflict.run(() -> {
            KhaosShipment merged = DespatchRules.merge(k[0] == null ? null : k[0].shipment(), reported);
            long version = k[0] == null ? 0 : k[0].version();
            if (k[0] != null && merged.equals(k[0].shipment())) {
                return;
            }
            if (!book.put(orderId, merged, version)) {
                k[0] = book.forOrder(orderId).get(reported.id()); // another writer came first: its shipment is merged next
                throw new LedgerVersionConflictException(orderId, version);
            }
        });
    }

    private void noteDespatch(String orderId, List<KhaosShipment> departed, Instant now) {
        String detail = departed.stream().map(DespatchRecorder::describe).collect(Collectors.joining("; "));
        ledger.change(orderId, entry -> {
            // the write-back may have run already (the work is queued before this note): then it stays written back
            boolean writtenSince = entry.state() == OrderState.WRITTEN_BACK && !entry.updatedAt().isBefore(now);
            return entry.state().canMoveTo(OrderState.DESPATCHED) && !writtenSince
                    ? entry.moveTo(OrderState.DESPATCHED, now, detail) : entry.noted("Khaos despatched", detail, now);
        });
    }

    static String describe(KhaosShipment shipment) {
        String parcels = shipment.parcels().stream()
                .map(p -> (p.consignmentRef().isEmpty() ? "no consignment ref" : p.consignmentRef())
                        + (p.courier().label().isEmpty() ? "" : " (" + p.courier().label() + ")"))
                .collect(Collectors.joining(", "));
        String units = shipment.items().stream().map(i -> i.quantity().stripTrailingZeros().toPlainString() + " × " + i.sku())
                .collect(Collectors.joining(", "));
        return "Khaos shipment " + shipment.code() + " (" + shipment.id() + ", " + shipment.status() + "): " + units
                + (parcels.isEmpty() ? "" : "; parcels " + parcels);
    }
}
