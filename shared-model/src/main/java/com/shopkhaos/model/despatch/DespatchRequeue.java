package com.shopkhaos.model.despatch;

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
        ledger.change(entry.orderId(), e -> e.noted("despatch retry requested", "by " + requestedBy, at));
        publisher.publish(new DespatchNotice(DespatchNotice.VERSION, entry.shopId(), entry.orderId(), entry.orderNumber(),
                entry.khaos().khaosOrderCode(), entry.khaos().khaosStatus(), entry.khaos().khaosProgress(), List.of(), "retry requested by " + requestedBy, at));
    }
}
