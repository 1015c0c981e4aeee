package com.shopkhaos.model.returns;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.DownloadPages;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Serves READY customer returns to Khaos's {@code CReturnDownload}, in pages, as orders are served: each page's id is
 * the {@code Sirion-Continuation} we answer with, and KCC sending it back acknowledges the page (its returns become
 * DOWNLOADED). A continuation we did not issue acknowledges nothing; a return served and never acknowledged is served
 * again, under the same AssociatedRef. {@code SpecificIDs} (Khaos's retry of failed imports) answers exactly the named
 * returns we hold, whatever their state: KCC reports nothing of returns back, so a failed import is known only to it.
 */
public final class KhaosReturnFeed {
    /** Ours: {@code kr1-<millis>-<random>} (orders' pages are {@code kc1-}). */
    static final String PAGE_PREFIX = "kr1-";
    /** Who settled a refund problem: Khaos taking the refund's return (the ledger's {@code resolvedBy}). */
    public static final String SETTLED_BY = "returns: Khaos took return ";
    private static final System.Logger LOG = System.getLogger(KhaosReturnFeed.class.getName());

    /** What to answer: the returns and the continuation to hand back. */
    public record Download(List<CustomerReturn> returns, Optional<String> continuation, int acknowledged) {
    }

    private final CustomerReturns returns;
    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final DownloadPages pages;
    private final int pageSize;
    private final Clock clock;

    public KhaosReturnFeed(CustomerReturns returns, DownloadPages pages, int pageSize, Clock clock) {
        this(returns, null, null, pages, pageSize, clock);
    }

    /**
     * @param ledger     where each order's timeline says when Khaos took its return (null: not said)
     * @param exceptions where the order's refund problem is settled once Khaos took the refund's return (null: left)
     */
    public KhaosReturnFeed(CustomerReturns returns, OrderLedger ledger, ExceptionLedger exceptions, DownloadPages pages, int pageSize,
                           Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("the return download page size must be at least 1");
        }
        this.returns = returns;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.pages = pages;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** A normal download: acknowledges the page named by the continuation, then serves the next. */
    public Download next(Optional<String> continuation) {
        return next(continuation, ReturnForms.NONE);
    }

    /**
     * A normal download whose returns are written by {@code forms}: one that cannot be written is left out of the page
     * (never acknowledged, so never lost), put to a person once ({@code RETURN_NOT_SENT}), and the page is filled with
     * the returns behind it.
     */
    public Download next(Optional<String> continuation, ReturnForms forms) {
        Set<String> justAcknowledged = new HashSet<>();
        int acknowledged = continuation.filter(c -> c.startsWith(PAGE_PREFIX)).map(c -> acknowledge(c, justAcknowledged)).orElse(0);
        Instant now = clock.instant();
        List<CustomerReturn> page = new ArrayList<>();
        Set<String> setAside = new HashSet<>();
        int asked = pageSize + justAcknowledged.size();
        while (true) {
            List<CustomerReturn> ready = returns.ready(asked);
            List<CustomerReturn> candidates = ready.stream().filter(r -> !justAcknowledged.contains(r.associatedRef())
                    && !setAside.contains(r.associatedRef()) && page.stream().noneMatch(p -> p.associatedRef().equals(r.associatedRef())))
                    .limit(pageSize - page.size()).toList();
            List<CustomerReturn> toWrite = new ArrayList<>();
            int asideBefore = setAside.size();
            for (CustomerReturn r : candidates) {
                if (putToAPerson(r)) {
                    setAside.add(r.associatedRef());
                } else {
                    toWrite.add(r);
                }
            }
            Map<String, String> unwritable = toWrite.isEmpty() ? Map.of() : forms.write(toWrite);
            for (CustomerReturn r : toWrite) {
                if (unwritable.containsKey(r.associatedRef())) {
                    setAside.add(r.associatedRef());
                    setAside(r, unwritable.get(r.associatedRef()), now);
                } else {
                    page.add(r);
                }
            }
            int asideNow = setAside.size() - asideBefore;
            if (page.size() >= pageSize || asideNow == 0 || ready.size() < asked) {
                break;
            }
            asked += asideNow;
        }
        if (page.isEmpty()) {
            return new Download(List.of(), continuation, acknowledged);
        }
        String pageId = PAGE_PREFIX + now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        pages.save(new DownloadPages.Page(pageId, now, page.stream().map(CustomerReturn::associatedRef).toList(), null));
        page.forEach(r -> note(r.orderId(), "return served to Khaos", "return " + r.associatedRef() + " in return download page " + pageId
                + " (taken once Khaos acknowledges the page)", now));
        LOG.log(Level.INFO, "served " + page.size() + " return(s) to Khaos in page " + pageId + " (" + acknowledged + " acknowledged)");
        return new Download(page, Optional.of(pageId), acknowledged);
    }

    /** Khaos's retry of named returns: each one we hold, whatever its state. */
    public Download specific(List<String> associatedRefs, Optional<String> continuation) {
        List<CustomerReturn> named = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(associatedRefs)) {
            returns.find(ref).ifPresent(named::add);
        }
        LOG.log(Level.INFO, "Khaos asked again for " + associatedRefs.size() + " return(s); served " + named.size());
        return new Download(named, continuation, 0);
    }

    /**
     * The order's timeline: Khaos took the return (it reports nothing more of it). A refund's return settles the order's
     * {@code REFUNDED_IN_SHOP}: Khaos books the return's credit and stock as it processes it, so the night's
     * reconciliation reports the refund as explained, not as a difference for finance.
     */
    private void onTimeline(String associatedRef, Instant at) {
        if (ledger == null) {
            return;
        }
        returns.find(associatedRef).ifPresent(r -> {
            note(r.orderId(), "return taken by Khaos", "return " + associatedRef + " acknowledged by Khaos's return download (page "
                    + r.servedPage() + ")", at);
            if (exceptions != null && r.cause() != ReturnCause.CANCELLED_IN_SHOP) {
                exceptions.resolve(ExceptionRecord.idFor(ExceptionType.REFUNDED_IN_SHOP, r.orderNumber()), SETTLED_BY + associatedRef, at);
            }
        });
    }

    /**
     * Put to a person, once: from then on the return is never served (the person books it in Khaos by hand, so serving it
     * later, were it ever writable, would book it twice).
     */
    private void setAside(CustomerReturn r, String why, Instant at) {
        LOG.log(Level.WARNING, "return " + r.associatedRef() + " left out of the return download: " + why);
        if (exceptions != null && !putToAPerson(r)) {
            exceptions.raise(ExceptionRecord.open(ExceptionType.RETURN_NOT_SENT, ExceptionSubject.order(r.orderNumber(), r.associatedRef()),
                    "return " + r.associatedRef() + " of order " + r.orderNumber() + " cannot be sent to Khaos: " + why
                            + "; it will not be sent: book it in Khaos by hand", "", at));
        }
    }

    /** Whether the return was set aside for a person (open or resolved since). */
    private boolean putToAPerson(CustomerReturn r) {
        return exceptions != null && exceptions.find(ExceptionRecord.idFor(ExceptionType.RETURN_NOT_SENT,
                ExceptionSubject.order(r.orderNumber(), r.associatedRef()))).isPresent();
    }

    private void note(String orderId, String event, String detail, Instant at) {
        if (ledger != null) {
            ReadAgainOnConflict.run(() -> ledger.find(orderId).ifPresent(entry -> ledger.update(entry.noted(event, detail, at))));
        }
    }

    private int acknowledge(String pageId, Set<String> moved) {
        Optional<DownloadPages.Page> page = pages.find(pageId);
        if (page.isEmpty() || page.get().acknowledgedAt() != null) {
            return 0;
        }
        Instant now = clock.instant();
        for (String ref : page.get().orderIds()) {
            if (returns.downloaded(ref, pageId, now)) {
                moved.add(ref);
                onTimeline(ref, now);
            }
        }
        pages.acknowledged(pageId, now);
        return moved.size();
    }
}
