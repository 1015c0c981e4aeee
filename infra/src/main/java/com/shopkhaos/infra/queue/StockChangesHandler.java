package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.SqsStockChangePublisher;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockPushService;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * stock-push's handling of a {@code stock-changes} batch, for the Lambda and the sandbox's poller alike: each record's
 * stock codes are pushed to the shop on their own; a record that cannot be read, or whose push fails, is a batch item
 * failure, so SQS delivers it again.
 */
public final class StockChangesHandler {
    private static final Logger LOG = Logger.getLogger(StockChangesHandler.class);

    private final Function<StockChange, StockPushService.Report> push;

    /** @param push the stock push for one change, answering what it wrote */
    public StockChangesHandler(Function<StockChange, StockPushService.Report> push) {
        this.push = push;
    }

    public QueueBatch<StockChange, StockPushService.Report> handle(SQSEvent event) {
        return SqsRecords.each(event, SqsStockChangePublisher::read, (change, receiveCount) -> push.apply(change),
                StockChangesHandler::failed);
    }

    private static void failed(SQSMessage record, int receiveCount, Optional<StockChange> change, RuntimeException e) {
        if (change.isEmpty()) {
            LOG.errorf("stock-changes message %s is unreadable (it will reach the DLQ): %s", record.getMessageId(), e.getMessage());
        } else {
            LOG.infof("stock push not done on try %d (%s: %s); SQS delivers it again", receiveCount, e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }
}
