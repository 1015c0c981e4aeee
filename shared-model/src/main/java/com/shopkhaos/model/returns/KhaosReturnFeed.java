package com.shopkhaos.model.returns;

import com.shopkhaos.model.khaos.DownloadPages;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
    private static final System.Logger LOG = System.getLogger(KhaosReturnFeed.class.getName());

    /** What to answer: the returns and the continuation to hand back. */
    public record Download(List<CustomerReturn> returns, Optional<String> continuation, int acknowledged) {
    }

    private final CustomerReturns returns;
    private final DownloadPages pages;
    private final int pageSize;
    private final Clock clock;

    public KhaosReturnFeed(CustomerReturns returns, DownloadPages pages, int pageSize, Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("the return download page size must be at least 1");
        }
        this.returns = returns;
        this.pages = pages;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** A normal download: acknowledges the page named by the continuation, then serves the next. */
    public Download next(Optional<String> continuation) {
        Set<String> justAcknowledged = new HashSet<>();
        int acknowledged = continuation.filter(c -> c.startsWith(PAGE_PREFIX)).map(c -> acknowledge(c, justAcknowledged)).orElse(0);
        Instant now = clock.instant();
        List<CustomerReturn> page = new ArrayList<>();
        for (CustomerReturn r : returns.ready(pageSize + justAcknowledged.size())) {
            if (!justAcknowledged.contains(r.associatedRef()) && page.size() < pageSize) {
                page.add(r);
            }
        }
        if (page.isEmpty()) {
            return new Download(List.of(), continuation, acknowledged);
        }
        String pageId = PAGE_PREFIX + now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        pages.save(new DownloadPages.Page(pageId, now, page.stream().map(CustomerReturn::associatedRef).toList(), null));
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

    private int acknowledge(String pageId, Set<String> moved) {
        Optional<DownloadPages.Page> page = pages.find(pageId);
        if (page.isEmpty() || page.get().acknowledgedAt() != null) {
            return 0;
        }
        Instant now = clock.instant();
        for (String ref : page.get().orderIds()) {
            if (returns.downloaded(ref, pageId, now)) {
                moved.add(ref);
            }
        }
        pages.acknowledged(pageId, now);
        return moved.size();
    }
}
