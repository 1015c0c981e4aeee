package com.shopkhaos.model.khaos;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Serves READY orders to Khaos Control's OrderDownload, in pages. Each page's id is the
 * {@code Sirion-Continuation} we answer with; KCC sends it back on its next download, which tells us it
 * received that page: its orders become DOWNLOADED. A continuation we did not issue (KCC's first-contact
 * date, say) acknowledges nothing. An order served but never acknowledged stays READY and is served again.
 * The spec makes the AssociatedRef (the shop's order number) unique per channel but never says KCC refuses a
 * second import of one, so an order is never served again once Khaos reported it under an order code; where KCC
 * imported a page and still asked for it again, the second Khaos order is caught when Khaos reports it
 * ({@code DUPLICATE_IN_KHAOS}). {@code SpecificIDs} (Khaos's retry of failed imports) answers exactly the named
 * orders Khaos has not reported holding, whatever their state.
 */
public final class KhaosOrderFeed {
    /** Ours: {@code kc1-<millis>-<random>}. */
    static final String PAGE_PREFIX = "kc1-";
    /**
     * Lambda refuses a response over 6 MB, counted in bytes of the whole serialized answer: behind an HTTP API that
     * is a JSON envelope ({@code statusCode}, {@code headers}, {@code isBase64Encoded}) whose {@code body} is the page
     * as an escaped JSON string.
     */
    static final int RESPONSE_LIMIT_BYTES = 6_291_456;
    /** Room for the envelope around the sales orders: status, headers, the {@code Orders} list around them, {@code Config}. */
    static final int ENVELOPE_ALLOWANCE_BYTES = 64 * 1024;
    /** The sales orders of a page, counted as {@link #bytesAsSent} counts them, stay within this. */
    static final int MAX_PAGE_BYTES = RESPONSE_LIMIT_BYTES - ENVELOPE_ALLOWANCE_BYTES;
    static final int PARALLEL_FROM = 20;
    static final int ACK_THREADS = 8;
    private static final System.Logger LOG = System.getLogger(KhaosOrderFeed.class.getName());

    /** What to answer: the sales orders (KCC JSON) and the continuation to hand back. */
    public record Download(List<String> salesOrders, Optional<String> continuation, int acknowledged) {
    }

    private final OrderLedger ledger;
    private final DownloadPages pages;
    private final ExceptionLedger exceptions;
    private final int pageSize;
    private final Clock clock;

    public KhaosOrderFeed(OrderLedger ledger, DownloadPages pages, ExceptionLedger exceptions, int pageSize, Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("the order download page size must be at least 1");
        }
        this.ledger = ledger;
        this.pages = pages;
        this.exceptions = exceptions;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** A normal download: acknowledges the page named by the continuation, then serves the next. */
    public Download next(Optional<String> continuation) {
        Set<String> justAcknowledged = new HashSet<>();
        int acknowledged = continuation.filter(c -> c.startsWith(PAGE_PREFIX)).map(c -> acknowledge(c, justAcknowledged)).orElse(0);
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        long bytes = 0;
        for (OrderLedgerEntry entry : ledger.inStateChangedBefore(OrderState.READY, now.plusSeconds(1),
                pageSize + justAcknowledged.size())) {
            String json = entry.khaos().salesOrder();
            if (justAcknowledged.contains(entry.orderId()) || json.isEmpty()) {
                continue;
            }
            long size = bytesAsSent(json) + 1; // and the comma before it
            if (ids.size() == pageSize || (!ids.isEmpty() && bytes + size > MAX_PAGE_BYTES)) {
                break; // what does not fit is served on the next page
            }
            ids.add(entry.orderId());
            orders.add(json);
            bytes += size;
        }
        if (ids.isEmpty()) {
            return new Download(List.of(), continuation, acknowledged);
        }
        String pageId = PAGE_PREFIX + now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        pages.save(new DownloadPages.Page(pageId, now, ids, null));
        LOG.log(Level.INFO, "served " + ids.size() + " order(s) to Khaos in page " + pageId + " (" + acknowledged
                + " acknowledged)");
        return new Download(orders, Optional.of(pageId), acknowledged);
    }

    /**
     * The most bytes {@code text} can take once it is the body of the answer: a JSON string inside the envelope, in
     * UTF-8, escaped by whichever JSON writer serializes the envelope. Counted for the most cautious writer: a quote,
     * a backslash or a slash takes 2 bytes (backslash and the character); a control character, DEL, or a character
     * some writers escape for HTML ({@code < > & = '}) takes 6 (a backslash-u escape of four hex digits); every other
     * ASCII character 1; and each UTF-16 unit of anything else 6 (its backslash-u escape), which is more than its
     * UTF-8 bytes when it is written as it is (2 or 3 bytes for one unit, 4 for a surrogate pair).
     */
    static long bytesAsSent(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '/') {
                bytes += 2;
            } else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&' || c == '=' || c == '\'') {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else {
                bytes += 6;
            }
        }
        return bytes;
    }

    /**
     * Khaos's retry of named orders: those we hold a sales order for, whatever their state, except one Khaos already
     * reported holding (its order code is on the entry): a retry is for a failed import, and serving that one again
     * would make a second Khaos order wherever KCC does not refuse a repeated AssociatedRef.
     */
    public Download specific(List<String> associatedRefs, Optional<String> continuation) {
        List<String> orders = new ArrayList<>();
        List<String> heldByKhaos = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(associatedRefs)) {
            ledger.findByOrderNumber(ref).filter(e -> !e.khaos().salesOrder().isEmpty()).ifPresent(e -> {
                if (e.khaos().khaosOrderCode().isEmpty()) {
                    orders.add(e.khaos().salesOrder());
                } else {
                    heldByKhaos.add(ref + " (" + e.khaos().khaosOrderCode() + ")");
                }
            });
        }
        LOG.log(Level.INFO, "Khaos asked again for " + associatedRefs.size() + " order(s); served " + orders.size()
                + (heldByKhaos.isEmpty() ? "" : "; not again the ones it holds: " + String.join(", ", heldByKhaos)));
        return new Download(orders, continuation, 0);
    }

    private int acknowledge(String pageId, Set<String> moved) {
        Optional<DownloadPages.Page> page = pages.find(pageId);
        if (page.isEmpty() || page.get().acknowledgedAt() != null) {
            return 0;
        }
        Instant now = clock.instant();
        List<String> ids = page.get().orderIds();
        // the page's entries read in batches: each is read again only when another writer came first
        Map<String, OrderLedgerEntry> read = ledger.findAll(ids);
        if (ids.size() <= PARALLEL_FROM) {
            ids.stream().filter(id -> downloaded(id, Optional.ofNullable(read.get(id)), pageId, now)).forEach(moved::add);
        } else {
            // a full page is a thousand conditional writes: in parallel, to answer KCC well inside the 30 s an
            // HTTP API allows
            ExecutorService writers = Executors.newFixedThreadPool(ACK_THREADS);
            try {
                List<Future<Boolean>> done = new ArrayList<>();
                ids.forEach(id -> done.add(writers.submit(() -> downloaded(id, Optional.ofNullable(read.get(id)), pageId, now))));
                for (int i = 0; i < ids.size(); i++) {
                    if (result(done.get(i))) {
                        moved.add(ids.get(i));
                    }
                }
            } finally {
                writers.shutdownNow();
            }
        }
        pages.acknowledged(pageId, now);
        return moved.size();
    }

    private static boolean result(Future<Boolean> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while acknowledging a download page", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private boolean downloaded(String orderId, Optional<OrderLedgerEntry> read, String pageId, Instant now) {
        return ReadAgainOnConflict.run(read, () -> ledger.find(orderId), found -> {
            if (found.isEmpty()) {
                return false;
            }
            OrderLedgerEntry entry = found.get();
            if (entry.state() == OrderState.READY) {
                ledger.update(entry.moveTo(OrderState.DOWNLOADED, entry.khaos().servedIn(pageId).downloaded(now), now,
                        "Khaos acknowledged download page " + pageId));
                return true;
            }
            if (entry.state() == OrderState.WITHDRAWN) {
                cancelledMeanwhile(entry, now);
            }
            return false;
        });
    }

    /** Served while READY, withdrawn before Khaos acknowledged it: Khaos may have it now, so a person checks. */
    private void cancelledMeanwhile(OrderLedgerEntry entry, Instant now) {
        String id = ExceptionRecord.idFor(ExceptionType.CANCELLED_AFTER_DOWNLOAD, entry.orderNumber());
        if (exceptions.find(id).isEmpty()) {
            exceptions.raise(ExceptionRecord.open(ExceptionType.CANCELLED_AFTER_DOWNLOAD, ExceptionSubject.order(entry.orderNumber()),
                    "order " + entry.orderNumber() + " was cancelled in the shop while Khaos was downloading it; "
                            + "check whether Khaos imported it", "", now));
        }
    }
}
