package com.shopkhaos.model.khaos;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The order download pages we served, in memory, by page id in the order served. {@link #failNextSave} makes the next
 * save throw (the table unreachable) without keeping the page.
 */
public final class InMemoryDownloadPages implements DownloadPages {
    /** Every page kept, by id, in the order served. */
    public final Map<String, Page> pages = new LinkedHashMap<>();
    private final Deque<RuntimeException> saveFailures = new ArrayDeque<>();

    public synchronized void failNextSave(RuntimeException failure) {
        saveFailures.add(failure);
    }

    @Override
    public synchronized void save(Page page) {
        if (!saveFailures.isEmpty()) {
            throw saveFailures.poll();
        }
        pages.put(page.pageId(), page);
    }

    @Override
    public synchronized Optional<Page> find(String pageId) {
        return Optional.ofNullable(pages.get(pageId));
    }

    @Override
    public synchronized void acknowledged(String pageId, Instant at) {
        Page page = pages.get(pageId);
        if (page != null && page.acknowledgedAt() == null) {
            pages.put(pageId, new Page(page.pageId(), page.servedAt(), page.orderIds(), at));
        }
    }
}
