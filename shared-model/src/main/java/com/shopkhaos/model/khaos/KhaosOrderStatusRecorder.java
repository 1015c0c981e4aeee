package com.shopkhaos.model.khaos;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Khaos's order statuses to the ledger: Khaos's order code, id and status are recorded, and an
 * order Khaos has becomes IMPORTED (or CANCELLED when Khaos cancelled it). A status can arrive before
 * Khaos's next download acknowledges the page the order was in; then the order passes through DOWNLOADED
 * in the same write. The same status again changes nothing. A status for an order we do not know, or
 * never sent, is put in front of a person. A status under a second Khaos order code for a shop order that
 * already has one (KCC took the same AssociatedRef twice) never changes the shop order: it is a
 * {@code DUPLICATE_IN_KHAOS} for a person, resolved when Khaos reports that second order cancelled.
 */
public final class KhaosOrderStatusRecorder implements OrderStatusHandler {

    /** What one status did. */
    public enum Effect { IMPORTED, CANCELLED, RECORDED, UNCHANGED, UNKNOWN_ORDER, NEEDS_A_PERSON, DUPLICATE }

    /** Who resolves a duplicate once Khaos cancelled its second order. */
    static final String DUPLICATE_CANCELLED = "khaos (the second order was cancelled)";

    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final InFlightOrders inFlight;
    private final StockChangePublisher stockChanges;
    private final Duration settle;
    private final Clock clock;

    /**
     * @param settle how long an imported order's holds count when Khaos sends no newer figure ({@code STOCK_SETTLE}, as
     *               the stock push reads it): a push is scheduled for when it has passed
     */
    public KhaosOrderStatusRecorder(OrderLedger ledger, ExceptionLedger exceptions, InFlightOrders inFlight,
                                    StockChangePublisher stockChanges, Duration settle, Clock clock) {
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.inFlight = inFlight;
        this.stockChanges = stockChanges;
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public Effect apply(KhaosOrderStatus status) {
        return apply(status, find(status));
    }

    /**
     * As {@link #apply(KhaosOrderStatus)}, with the order {@code read} by the caller just before ({@link #find}): one
     * read of the ledger per status, read again only when another writer came first.
     */
    public Effect apply(KhaosOrderStatus status, Optional<OrderLedgerEntry> read) {
        return ReadAgainOnConflict.run(read, () -> find(status), found -> {
            Effect effect = attempt(status, found);
            if (effect == Effect.IMPORTED || effect == Effect.CANCELLED) {
                settle(found.orElseThrow());
            }
            return effect;
        });
    }

    /**
     * Khaos has the order now: its in-flight holds count only until Khaos's stock figures catch up, or until the settle
     * time has passed with no newer figure. Khaos's figure that already takes the order's units may have landed
     * before this status (KCC orders its pushes nowhere in its spec), and then nothing newer comes: so besides the push
     * now, one is scheduled for the moment the settle time runs out, which writes the figure without the hold.
     */
    private void settle(OrderLedgerEntry entry) {
        Instant now = clock.instant();
        Set<String> codes = inFlight.imported(entry.orderId(), now);
        stockChanges.changed(codes, "order " + entry.orderNumber() + " in Khaos", now);
        stockChanges.changedAfter(codes, "order " + entry.orderNumber() + " in Khaos " + settle.toSeconds()
                + " s ago", now, settle.plusSeconds(1));
    }

    private Effect attempt(KhaosOrderStatus status, Optional<OrderLedgerEntry> found) {
        Instant now = clock.instant();
        if (found.isEmpty()) {
            String ref = status.associatedRef().isEmpty() ? "code-" + status.orderCode() : status.associatedRef();
            exceptions.raise(ExceptionRecord.open(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, ExceptionSubject.other(ref),
                    "Khaos reported " + status.status() + " for AssociatedRef \"" + status.associatedRef() + "\" (Khaos order "
                            + status.orderCode() + "), which this channel has no record of", "", now));
            return Effect.UNKNOWN_ORDER;
        }
        OrderLedgerEntry entry = found.get();
        if (isSecondKhaosOrder(entry, status)) {
            return duplicate(entry, status, now);
        }
        KhaosHandover reported = entry.khaos().reported(status.orderCode(), status.orderId(), status.status(), status.progress());
        String detail = "Khaos " + status.orderCode() + ": " + status.status();
        switch (entry.state()) {
            case READY -> {
                OrderLedgerEntry downloaded = entry.moveTo(OrderState.DOWNLOADED, reported.downloaded(now), now,
                        "Khaos reported it before acknowledging its download page");
                OrderState next = status.isCancelled() ? OrderState.CANCELLED : OrderState.IMPORTED;
                ledger.update(downloaded.moveTo(next, now, detail).asOneChangeFrom(entry));
                return status.isCancelled() ? Effect.CANCELLED : Effect.IMPORTED;
            }
            case DOWNLOADED -> {
                OrderState next = status.isCancelled() ? OrderState.CANCELLED : OrderState.IMPORTED;
                ledger.update(entry.moveTo(next, reported, now, detail));
                return status.isCancelled() ? Effect.CANCELLED : Effect.IMPORTED;
            }
            case IMPORTED -> {
                if (status.isCancelled()) {
                    ledger.update(entry.moveTo(OrderState.CANCELLED, reported, now, detail));
                    return Effect.CANCELLED;
                }
                return record(entry, reported, now, detail);
            }
            case DESPATCHED, WRITTEN_BACK, CANCELLED -> {
                return record(entry, reported, now, detail);
            }
            case WITHDRAWN -> {
                if (!status.isCancelled()) {
                    raiseOnce(ExceptionType.CANCELLED_AFTER_DOWNLOAD, ExceptionSubject.order(entry.orderNumber()), "order " + entry.orderNumber()
                            + " was cancelled in the shop, but Khaos has it as " + status.orderCode() + " (" + status.status()
                            + ")", now);
                }
                return record(entry, reported, now, detail) == Effect.UNCHANGED ? Effect.UNCHANGED : Effect.NEEDS_A_PERSON;
            }
            default -> {
                raiseOnce(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, ExceptionSubject.other(entry.orderNumber()), "Khaos reported " + status.status()
                        + " for order " + entry.orderNumber() + " (Khaos " + status.orderCode() + "), which was never sent to "
                        + "Khaos: it is " + entry.state() + " here", now);
                return Effect.NEEDS_A_PERSON;
            }
        }
    }

    /**
     * Whether this status is about another Khaos order than the one the shop order is linked to: Khaos imported its
     * AssociatedRef a second time.
     */
    public static boolean isSecondKhaosOrder(OrderLedgerEntry entry, KhaosOrderStatus status) {
        String linked = entry.khaos().khaosOrderCode();
        return !linked.isEmpty() && !status.orderCode().isEmpty() && !linked.equals(status.orderCode());
    }

    /** Raised once while the second order lives; resolved when Khaos reports it cancelled. */
    private Effect duplicate(OrderLedgerEntry entry, KhaosOrderStatus status, Instant now) {
        ExceptionSubject about = ExceptionSubject.order(entry.orderNumber(), status.orderCode());
        String id = ExceptionRecord.idFor(ExceptionType.DUPLICATE_IN_KHAOS, about);
        if (status.isCancelled()) {
            exceptions.find(id).filter(e -> e.status() == ExceptionStatus.OPEN)
                    .ifPresent(e -> exceptions.resolve(id, DUPLICATE_CANCELLED, now));
            return Effect.UNCHANGED;
        }
        raiseOnce(ExceptionType.DUPLICATE_IN_KHAOS, about, "Khaos holds shop order " + entry.orderNumber() + " twice: "
                + entry.khaos().khaosOrderCode() + " (the one the shop order follows) and " + status.orderCode() + " ("
                + status.status() + "); cancel " + status.orderCode() + " in Khaos", now);
        return Effect.DUPLICATE;
    }

    /** The ledger's entry for the order a status is about: by the shop's order id we sent as CustomData, else by AssociatedRef. */
    public Optional<OrderLedgerEntry> find(KhaosOrderStatus status) {
        if (status.customData().matches("[0-9a-f]{32}")) {
            Optional<OrderLedgerEntry> byId = ledger.find(status.customData())
                    .filter(e -> status.associatedRef().isEmpty() || e.orderNumber().equals(status.associatedRef()));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return status.associatedRef().isEmpty() ? Optional.empty() : ledger.findByOrderNumber(status.associatedRef());
    }

    private Effect record(OrderLedgerEntry entry, KhaosHandover reported, Instant now, String detail) {
        if (reported.equals(entry.khaos())) {
            return Effect.UNCHANGED;
        }
        ledger.update(entry.withKhaos(reported, now, "Khaos status", detail));
        return Effect.RECORDED;
    }

    private void raiseOnce(ExceptionType type, ExceptionSubject subject, String reason, Instant now) {
        if (exceptions.find(ExceptionRecord.idFor(type, subject)).isEmpty()) {
            exceptions.raise(ExceptionRecord.open(type, subject, reason, "", now));
        }
    }
}
