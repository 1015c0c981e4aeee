package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.OrderEventCodec;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ledger.OrderState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * order-sync's handling of an {@code order-events} batch, for the Lambda and the sandbox's poller alike: each record's
 * event is synced; a record that cannot be read, or whose sync fails (the shop or AWS unavailable), is a batch item
 * failure, so SQS delivers it again (five tries, then the DLQ). Events of one order that share a handling
 * ({@link com.shopkhaos.model.events.OrderEventType#sharesAHandling}: the placed and the paid webhooks, which usually
 * arrive together) are synced once per batch: the later ones take the first one's outcome, its failure included, so
 * they come back with it.
 */
public final class OrderEventsHandler {
    private static final Logger LOG = Logger.getLogger(OrderEventsHandler.class);

    private final Function<OrderEvent, OrderState> sync;

    /** @param sync order-sync for one event, answering the order's state after it */
    public OrderEventsHandler(Function<OrderEvent, OrderState> sync) {
        this.sync = sync;
    }

    public QueueBatch<OrderEvent, OrderState> handle(SQSEvent event) {
        Map<String, Outcome> shared = new HashMap<>();
        return SqsRecords.each(event, OrderEventCodec::read, (orderEvent, receiveCount) -> {
            String order = orderEvent.shopId() + "/" + orderEvent.orderId();
            if (!orderEvent.type().sharesAHandling()) {
                shared.remove(order); // what it did is not what an earlier handling saw
                return sync.apply(orderEvent);
            }
            Outcome earlier = shared.get(order);
            if (earlier != null) {
                LOG.debugf("order %s: %s served by this batch's earlier handling", orderEvent.orderNumber(), orderEvent.type());
                return earlier.again();
            }
            try {
                OrderState state = sync.apply(orderEvent);
                shared.put(order, new Outcome(state, null));
                return state;
            } catch (RuntimeException e) {
                shared.put(order, new Outcome(null, e));
                throw e;
            }
        }, OrderEventsHandler::failed);
    }

    /** What one handling came to: the order's state, or the failure the events it served share. */
    private record Outcome(OrderState state, RuntimeException failure) {
        OrderState again() {
            if (failure != null) {
                throw failure;
            }
            return state;
        }
    }

    private static void failed(SQSMessage record, int receiveCount, Optional<OrderEvent> event, RuntimeException e) {
        if (event.isEmpty()) {
            LOG.errorf("order-events message %s is unreadable (it will reach the DLQ): %s", record.getMessageId(), e.getMessage());
        } else {
            LOG.infof("order %s not handled on try %d (%s: %s); SQS delivers it again", event.get().orderNumber(), receiveCount,
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
