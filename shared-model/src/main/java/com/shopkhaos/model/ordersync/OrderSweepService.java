package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The safety net for webhooks that never came: on a schedule, asks each shop for orders created or
 * changed since the last run (the first run starts at the configured go-live time, never the shop's
 * history), up to a grace period ago so webhooks still on their way are not counted. An order the ledger
 * does not know is recorded and fed into order-sync, and raises WEBHOOKS_MISSING; an order awaiting payment
 * that changed is fed in again to be checked against the shop (its payment webhook may be the one that was
 * lost), and so is an order left RECEIVED whose message was lost or dead-lettered. An order Khaos already has that
 * changed in the shop is fed in again too, to be compared with what Khaos was sent (an edit in the shop's admin fires
 * no webhook: {@code CHANGED_AFTER_KHAOS_IMPORT}) and to catch a cancellation whose webhook was lost.
 */
public final class OrderSweepService {
    /** Khaos has the order: a change in the shop is checked against what Khaos was sent. */
    private static final Set<OrderState> AFTER_HANDOVER = EnumSet.of(OrderState.DOWNLOADED, OrderState.IMPORTED,
            OrderState.DESPATCHED, OrderState.WRITTEN_BACK);
    static final String CHECKPOINT_PREFIX = "order-sweep#";
    static final int STUCK_BATCH = 200;
    static final Duration STUCK_CEILING = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(OrderSweepService.class.getName());

    /** What one run did, per shop. */
    public record ShopSweep(String shopId, Instant from, Instant to, List<String> missing, List<String> rechecked) {
    }

    private final ShopRegistry shops;
    private final ShopOrders shopOrders;
    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final OrderEventPublisher publisher;
    private final Checkpoints checkpoints;
    private final OrderEventsBacklog backlog;
    private final Optional<Instant> goLive;
    private final Duration grace;
    private final Clock clock;

    public OrderSweepService(ShopRegistry shops, ShopOrders shopOrders, OrderLedger ledger, ExceptionLedger exceptions,
                             OrderEventPublisher publisher, OrderEventsBacklog backlog, Checkpoints checkpoints,
                             Optional<Instant> goLive, Duration grace, Clock clock) {
        this.shops = shops;
        this.shopOrders = shopOrders;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.backlog = backlog;
        this.goLive = goLive;
        this.grace = grace;
        this.clock = clock;
    }

    public List<ShopSweep> sweep() {
        List<ShopSweep> done = new ArrayList<>();
        for (String shopId : shops.shopIds()) {
            if (shops.find(shopId).map(s -> s.isConfirmed()).orElse(false)) {
                done.add(sweep(shopId));
            }
        }
        return done;
    }

    ShopSweep sweep(String shopId) {
        Instant now = clock.instant();
        Instant to = now.minus(grace);
        String checkpoint = CHECKPOINT_PREFIX + shopId;
        Optional<Instant> mark = checkpoints.get(checkpoint);
        Instant from = mark.or(() -> goLive).orElse(to);
        List<String> missing = new ArrayList<>();
        List<String> rechecked = new ArrayList<>();
        if (to.isAfter(from)) {
            for (ShopOrders.ChangedOrder changed : shopOrders.changedBetween(shopId, from, to)) {
                Optional<OrderLedgerEntry> known = ledger.find(changed.orderId());
                String eventId = "sweep-" + changed.orderId() + "-" + to.toEpochMilli();
                if (known.isEmpty()) {
                    if (record(shopId, changed, eventId, now)) {
                        missing.add(changed.orderNumber());
                        publisher.publish(OrderEvent.of(eventId, shopId, OrderEventType.FOUND_BY_SWEEP, changed.orderId(),
                                changed.orderNumber(), now));
                    }
                } else if (known.get().state() == OrderState.AWAITING_PAYMENT || AFTER_HANDOVER.contains(known.get().state())) {
                    // waiting for its payment: paid now? Khaos has it: edited in the shop since (Shopware fires no event)?
                    rechecked.add(changed.orderNumber());
                    publisher.publish(OrderEvent.of(eventId, shopId, OrderEventType.FOUND_BY_SWEEP, changed.orderId(),
                            changed.orderNumber(), now));
                }
            }
        }
        // a message that never reached order-sync (SQS send failed after the receipt, or the DLQ took it) leaves its order
        // RECEIVED. Such an order is fed in again once the queue has drained (its message is surely gone), or after
        // STUCK_CEILING whatever the queue holds; noted on its timeline, so at most once a grace period.
        Instant stuckBefore = backlog.waiting() == 0 ? to : Instant.ofEpochMilli(Math.min(to.toEpochMilli(),
                now.minus(STUCK_CEILING).toEpochMilli()));
        for (OrderLedgerEntry stuck : ledger.inStateChangedBefore(OrderState.RECEIVED, stuckBefore, STUCK_BATCH)) {
            if (stuck.shopId().equals(shopId) && !rechecked.contains(stuck.orderNumber()) && !missing.contains(stuck.orderNumber())
                    && noteRefeed(stuck, now)) {
                rechecked.add(stuck.orderNumber());
                publisher.publish(OrderEvent.of("sweep-" + stuck.orderId() + "-" + to.toEpochMilli(), shopId,
                        OrderEventType.FOUND_BY_SWEEP, stuck.orderId(), stuck.orderNumber(), now));
            }
        }
        if (!missing.isEmpty()) {
            exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOKS_MISSING, ExceptionSubject.other(day(now)),
                    missing.size() + " order(s) changed between " + from + " and " + to + " reached us only through the sweep: "
                            + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                            + (missing.size() > 20 ? " …" : "") + " (shop " + shopId + ")", "", now));
            LOG.log(Level.WARNING, "sweep found " + missing.size() + " order(s) without a webhook in shop " + shopId);
        }
        if (to.isAfter(from) || mark.isEmpty()) {
            checkpoints.advance(checkpoint, mark, to.isAfter(from) ? to : from);
        }
        return new ShopSweep(shopId, from, to, missing, rechecked);
    }

    private boolean noteRefeed(OrderLedgerEntry stuck, Instant now) {
        try {
            ledger.update(stuck.noted("fed again by the sweep", "still RECEIVED after the grace period", now));
            return true;
        } catch (LedgerVersionConflictException e) {
            return false;
        }
    }

    /** Records an order first seen by the sweep; false when its webhook got there first after all. */
    private boolean record(String shopId, ShopOrders.ChangedOrder changed, String eventId, Instant now) {
        try {
            ledger.create(OrderLedgerEntry.foundBy(shopId, changed.orderId(), changed.orderNumber(), eventId,
                    "found by the sweep", "no webhook came for it", now));
            return true;
        } catch (LedgerVersionConflictException e) {
            return false;
        }
    }

    /** The day, as the subject of the WEBHOOKS_MISSING record (one per day; repeats count up). */
    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
