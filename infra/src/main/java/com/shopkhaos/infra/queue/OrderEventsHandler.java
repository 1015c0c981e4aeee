package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.OrderEventCodec;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ledger.OrderState;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * order-sync's handling of an {@code order-events} batch, for the Lambda and the sandbox's poller alike: each record's
 * event is synced on its own; a record that cannot be read, or whose sync fails (the shop or AWS unavailable), is a
 * batch item failure, so SQS delivers it again (five tries, then the DLQ).
 */
public final class OrderEventsHandler {
    private static final Logger LOG = Logger.getLogger(OrderEventsHandler.class);

    private final Function<OrderEvent, OrderState> sync;

    /** @param sync order-sync for one event, answering the order's state after it */
    public OrderEventsHandler(Function<OrderEvent, OrderState> sync) {
        this.sync = sync;
    }

    public QueueBatch<OrderEvent, OrderState> handle(SQSEvent event) {
        return SqsRecords.each(event, OrderEventCodec::read, (orderEvent, receiveCount) -> sync.apply(orderEvent), OrderEventsHandler::failed);
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
