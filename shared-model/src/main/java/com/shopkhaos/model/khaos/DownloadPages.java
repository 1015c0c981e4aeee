package com.shopkhaos.model.khaos;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the OrderDownload pages we served, by the continuation we gave Khaos with each (table {@code khaos-order-pages}). */
public interface DownloadPages {

    void save(Page page);

    Optional<Page> find(String pageId);

    /** Notes that Khaos acknowledged the page (sent its id back), so a repeat of it costs nothing. */
    void acknowledged(String pageId, Instant at);

    /**
     * One served page.
     *
     * @param orderIds       the ledger's order ids, in the order served
     * @param acknowledgedAt when Khaos first sent the page's id back; null until then
     */
    record Page(String pageId, Instant servedAt, List<String> orderIds, Instant acknowledgedAt) {
        public Page {
            orderIds = List.copyOf(orderIds);
        }
    }
}
