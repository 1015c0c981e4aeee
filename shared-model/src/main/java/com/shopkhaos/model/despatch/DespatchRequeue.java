package com.shopkhaos.model.despatch;

import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ordersync.OrderRetryService;
import java.time.Instant;
import java.util.List;

/**
 * A person's retry of an order's despatch: noted on the timeline and queued on {@code despatches} with no shipments
 * of its own (the write-back uses those the channel kept, and Khaos's status as the ledger has it).
 */
public final class DespatchRequeue implements OrderRetryService.DespatchRetry {
    private final OrderLedger ledger;
    private final DespatchPublisher publisher;

    public DespatchRequeue(OrderLedger ledger, DespatchPublisher publisher) {
        this.ledger = ledger;
        this.publisher = publisher;
    }

    @Override
    public void requeue(OrderLedgerEntry entry, String requestedBy, Instant at) {
        try {
            ledger.update(entry.noted("despatch retry requested", "by " + requestedBy, at));
        } catch (LedgerVersionConflictException e) {
            // the order moved meanwhile; the retry is queued all the same
        }
        publisher.publish(new DespatchNotice(DespatchNotice.VERSION, entry.shopId(), entry.orderId(), entry.orderNumber(),
                entry.khaos().khaosOrderCode(), entry.khaos().khaosStatus(), List.of(), "retry requested by " + requestedBy, at));
    }
}
