package com.shopkhaos.model.despatch;

import com.shopkhaos.model.order.ShopStates;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * despatch-writeback: tells the shop what Khaos despatched. From the order's shipments (kept by the channel, and
 * those in the message) and the shop's order as it is now, it adds the consignment references to the delivery's
 * tracking codes, <b>then</b> moves the delivery ({@code ship} or {@code ship_partially}; the shop's shipping mail
 * goes out on that change, with the codes already there), then the order ({@code process}, {@code complete}). The
 * decision is made from the shop's current state each time, so a repeated message changes nothing and never sends a
 * second mail. A step that fails is retried by the queue; on the last try a person is told which step failed.
 */
public final class DespatchWritebackService {
    static final int REPLANS = 3;
    /** Longer than any one write-back takes (the Lambda's timeout is 60 s); a crashed one's lock runs out then. */
    static final Duration LOCK_FOR = Duration.ofSeconds(90);
    static final String BY = "despatch-writeback";

    /** What one message did. */
    public enum Outcome { WRITTEN, NOTHING_TO_WRITE, HELD, UNKNOWN_ORDER }

    /** What one message did, with the plan it carried out. */
    public record Result(Outcome outcome, Optional<DespatchPlan> plan, String detail) {
    }

    /** A step of the write-back failed for a reason that may pass (the shop unreachable, a 5xx): the queue tries again. */
    public static final class WritebackStepFailedException extends RuntimeException {
        private final String step;

        public WritebackStepFailedException(String orderNumber, String step, RuntimeException cause) {
            super("write-back of order " + orderNumber + " failed at \"" + step + "\": " + cause.getMessage(), cause);
            this.step = step;
        }

        public String step() {
            return step;
        }
    }

    private final OrderLedger ledger;
    private final ShipmentBook book;
    private final ShopDeliveries shop;
    private final OrderMappings mappings;
    private final ExceptionLedger exceptions;
    private final DespatchSettings settings;
    private final Clock clock;

    public DespatchWritebackService(OrderLedger ledger, ShipmentBook book, ShopDeliveries shop, OrderMappings mappings,
                                    ExceptionLedger exceptions, DespatchSettings settings, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.shop = shop;
        this.mappings = mappings;
        this.exceptions = exceptions;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param attempt which delivery of the message this is (SQS's ApproximateReceiveCount) */
    public Result writeBack(DespatchNotice notice, int attempt) {
        try {
            return writeBack(notice);
        } catch (WritebackBusyException e) {
            // not a failure yet: the other write-back finishes, and this one writes what it knows on its next try
            if (attempt >= settings.alertAfterAttempts()) {
                exceptions.raise(ExceptionRecord.open(ExceptionType.WRITEBACK_FAILED, writtenBack(notice), "step \"waiting for "
                        + "another write-back of this order\" failed " + attempt + " times", notice.reason(), clock.instant()));
            }
            throw e;
        } catch (WritebackStepFailedException e) {
            if (attempt >= settings.alertAfterAttempts()) {
                exceptions.raise(ExceptionRecord.open(ExceptionType.WRITEBACK_FAILED, writtenBack(notice), "step \"" + e.step()
                        + "\" failed " + attempt + " times; last: " + e.getCause().getMessage(), notice.reason(), clock.instant()));
            }
            throw e;
        } catch (RuntimeException e) {
            if (attempt >= settings.alertAfterAttempts()) {
                exceptions.raise(ExceptionRecord.open(ExceptionType.WRITEBACK_FAILED, writtenBack(notice), "step \"reading the "
                        + "integration's own records\" failed " + attempt + " times; last: " + e.getMessage(), notice.reason(),
                        clock.instant()));
            }
            throw e;
        }
    }

    /** Another write-back of the same order is running: this one waits for the queue's next try. */
    public static final class WritebackBusyException extends RuntimeException {
        public WritebackBusyException(String orderNumber) {
            super("order " + orderNumber + "'s write-back is running elsewhere; this one tries again later");
        }
    }

    private Result writeBack(DespatchNotice notice) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (!book.lockWriteback(notice.orderId(), owner, now.plus(LOCK_FOR), now)) {
            throw new WritebackBusyException(subject(notice));
        }
        try {
            return writeBackLocked(notice);
        } finally {
            try {
                book.unlockWriteback(notice.orderId(), owner);
            } catch (RuntimeException e) {
                System.getLogger(DespatchWritebackService.class.getName()).log(System.Logger.Level.WARNING,
                        "could not give back the write-back lock of " + subject(notice) + " (it runs out by itself): " + e.getMessage());
            }
        }
    }

    private Result writeBackLocked(DespatchNotice notice) {
        Optional<OrderLedgerEntry> found = ledger.find(notice.orderId());
        if (found.isEmpty()) {
            raiseOnce(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, ExceptionSubject.other(subject(notice)), "despatch work for order "
                    + subject(notice) + " (Khaos " + notice.khaosOrderCode() + "), which this channel has no record of");
            return new Result(Outcome.UNKNOWN_ORDER, Optional.empty(), "no such order in the ledger");
        }
        OrderLedgerEntry entry = found.get();
        String shopId = entry.shopId().isEmpty() ? notice.shopId() : entry.shopId();
        Map<String, KhaosShipment> shipments = shipments(entry.orderId(), notice);
        boolean khaosCancelled = notice.isCancellation() || entry.khaos().khaosProgress().isCancelled();
        OrderMappings.Overrides overrides = mappings.current();
        List<String> done = new ArrayList<>();
        for (int round = 0; ; round++) {
            Optional<ShopDeliveries.ShopOrderView> order = step(entry, "reading the order from the shop",
                    () -> shop.order(shopId, entry.orderId()));
            if (order.isEmpty()) {
                return hold(entry, List.of(new DespatchPlan.Problem(ExceptionType.DELIVERY_NOT_WRITABLE, "order "
                        + entry.orderNumber() + " is no longer in the shop")), Optional.empty());
            }
            DespatchPlan plan = DespatchPlan.decide(order.get(), shipments.values(), khaosCancelled, settings,
                    overrides::stockCodeFor, overrides.courierToShippingMethod());
            if (!plan.holds().isEmpty()) {
                return hold(entry, plan.holds(), Optional.of(plan));
            }
            try {
                carryOut(shopId, entry, order.get(), plan, done);
            } catch (ShopDeliveries.IllegalShopTransitionException e) {
                if (round + 1 >= REPLANS) {
                    throw new WritebackStepFailedException(entry.orderNumber(), "changing the state in the shop", e);
                }
                continue; // someone moved it meanwhile (another copy of this work): read it again and decide afresh
            } catch (ShopDeliveries.WriteRefusedException e) {
                exceptions.raise(ExceptionRecord.open(ExceptionType.WRITEBACK_FAILED, writtenBack(notice), "the shop refused "
                        + "what we wrote: " + e.getMessage(), notice.reason(), clock.instant()));
                return new Result(Outcome.HELD, Optional.of(plan), e.getMessage());
            }
            plan.notices().forEach(n -> raiseOnce(n.type(), ExceptionSubject.order(entry.orderNumber()), n.reason()));
            resolveFailure(entry);
            if (done.isEmpty()) {
                if (plan.progress() != ShippedUnits.Progress.NONE && awaitsWriteBack(entry.state())) {
                    // an earlier try wrote the shop and could not record it: the shop's state is the proof
                    record(entry.orderId(), "the shop already showed it");
                }
                return new Result(Outcome.NOTHING_TO_WRITE, Optional.of(plan), "the shop already shows it");
            }
            record(entry.orderId(), String.join("; ", done));
            return new Result(Outcome.WRITTEN, Optional.of(plan), String.join("; ", done));
        }
    }

    private void carryOut(String shopId, OrderLedgerEntry entry, ShopDeliveries.ShopOrderView order, DespatchPlan plan,
                          List<String> done) {
        if (!plan.trackingCodes().isEmpty()) {
            step(entry, "writing tracking codes", () -> {
                shop.updateDelivery(shopId, plan.deliveryId(), plan.trackingCodes(), plan.shippingMethod());
                return null;
            });
            done.add("tracking " + (plan.newTrackingCodes().isEmpty() ? "unchanged" : String.join(", ", plan.newTrackingCodes()))
                    + (plan.shippingMethod().isEmpty() ? "" : ", shipping method " + plan.shippingMethod()));
        }
        if (plan.deliveryAction().isPresent()) {
            ShopStates.DeliveryChange change = plan.deliveryAction().get();
            step(entry, "marking the delivery " + change.label(), () -> {
                shop.transitionDelivery(shopId, plan.deliveryId(), change);
                return null;
            });
            done.add("delivery " + plan.deliveryState().map(ShopStates.ShopDeliveryState::label).orElse("") + " → " + change.label());
        }
        for (ShopStates.OrderChange change : plan.orderActions()) {
            step(entry, "moving the order on (" + change.label() + ")", () -> {
                shop.transitionOrder(shopId, order.orderId(), change);
                return null;
            });
            done.add("order " + change.label());
        }
    }

    /**
     * Runs one call to the shop as the named step. The call is not repeated here: the shop adapter already asks once
     * more after a failure that may pass (each call is safe to repeat: the tracking codes are the whole list, and a state
     * change that did land the first time is refused the second, which makes the write-back read the order again), and
     * the queue's redelivery is the next level; a failure is this step's failure.
     */
    private <T> T step(OrderLedgerEntry entry, String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (ShopDeliveries.IllegalShopTransitionException | ShopDeliveries.WriteRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WritebackStepFailedException(entry.orderNumber(), step, e);
        }
    }

    /** Kept shipments, with those in the message merged in (they may not have been kept yet). */
    private Map<String, KhaosShipment> shipments(String orderId, DespatchNotice notice) {
        Map<String, KhaosShipment> all = new LinkedHashMap<>();
        book.forOrder(orderId).forEach((id, kept) -> all.put(id, kept.shipment()));
        for (KhaosShipment s : notice.shipments()) {
            all.put(s.id(), DespatchRules.merge(all.get(s.id()), s));
        }
        return all;
    }

    private Result hold(OrderLedgerEntry entry, List<DespatchPlan.Problem> problems, Optional<DespatchPlan> plan) {
        List<String> reasons = new ArrayList<>();
        boolean anyNew = false;
        for (DespatchPlan.Problem p : problems) {
            anyNew |= raiseOnce(p.type(), ExceptionSubject.order(entry.orderNumber()), p.reason());
            reasons.add(p.reason());
        }
        if (anyNew) {
            note(entry.orderId(), "despatch not written to the shop", String.join("; ", reasons));
        }
        return new Result(Outcome.HELD, plan, String.join("; ", reasons));
    }

    private void record(String orderId, String detail) {
        Instant now = clock.instant();
        ledger.change(orderId, entry -> switch (entry.state()) {
            case DESPATCHED -> entry.moveTo(OrderState.WRITTEN_BACK, now, "written to the shop: " + detail);
            // the channel notes the despatch after queueing this work: it may not have yet
            case IMPORTED -> entry.moveTo(OrderState.DESPATCHED, now, "Khaos despatched")
                    .moveTo(OrderState.WRITTEN_BACK, now, "written to the shop: " + detail).asOneChangeFrom(entry);
            default -> entry.noted("written to the shop", detail, now);
        });
    }

    private static boolean awaitsWriteBack(OrderState state) {
        return state == OrderState.DESPATCHED || state == OrderState.IMPORTED;
    }

    private void note(String orderId, String event, String detail) {
        ledger.change(orderId, entry -> entry.noted(event, detail, clock.instant()));
    }

    private void resolveFailure(OrderLedgerEntry entry) {
        String id = ExceptionRecord.idFor(ExceptionType.WRITEBACK_FAILED, entry.orderNumber());
        if (exceptions.find(id).map(r -> r.status() == ExceptionStatus.OPEN).orElse(false)) {
            exceptions.resolve(id, BY, clock.instant());
        }
    }

    /** Raises it unless it is open already; true when it was not. */
    private boolean raiseOnce(ExceptionType type, ExceptionSubject subject, String reason) {
        return exceptions.raiseUnlessOpen(ExceptionRecord.open(type, subject, reason, "", clock.instant()));
    }

    /** The order whose write-back failed (by the shop's id when the notice has no order number). */
    private static ExceptionSubject writtenBack(DespatchNotice notice) {
        return notice.orderNumber().isEmpty() ? ExceptionSubject.other(notice.orderId()) : ExceptionSubject.order(notice.orderNumber());
    }

    private static String subject(DespatchNotice notice) {
        return notice.orderNumber().isEmpty() ? notice.orderId() : notice.orderNumber();
    }
}
