package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.SqsStockChangePublisher;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockPushService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * stock-push's handling of a {@code stock-changes} batch, for the Lambda and the sandbox's poller alike. The batch's
 * changes are pushed together, one push for the codes of all of them (one more for those where the shop moved its
 * own stock, which are written even when unchanged, and one for those time changed, whose sequences are bumped first):
 * a busy queue's batch of ten costs the reads, the look-ups and the
 * sync request of one push, not ten, and every code is worked out from inputs read after its change was queued. When
 * that push fails, each change is pushed on its own, so one change that keeps failing never takes the others to the
 * DLQ with it. A record that cannot be read, or whose own push fails, is a batch item failure, so SQS delivers it again.
 */
public final class StockChangesHandler {
    private static final Logger LOG = Logger.getLogger(StockChangesHandler.class);

    /** A push of stock codes to the shop. */
    @FunctionalInterface
    public interface Push {
        StockPushService.Report push(Collection<String> stockCodes, boolean shopChangedItself, boolean timePassed);
    }

    private final Push push;

    /** @param push the stock push, answering what it wrote */
    public StockChangesHandler(Push push) {
        this.push = push;
    }

    /** One record read: its place in the batch, its try and its change. */
    private record Read(int index, SQSMessage record, int receiveCount, StockChange change) {
    }

    /**
     * The batch's items in the order of its records; the changes pushed together share the one report of their push.
     */
    public QueueBatch<StockChange, StockPushService.Report> handle(SQSEvent event) {
        List<SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<QueueBatch.Item<StockChange, StockPushService.Report>> items = new ArrayList<>();
        List<Read> plain = new ArrayList<>();
        List<Read> shopMoved = new ArrayList<>();
        List<Read> timed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSMessage record = records.get(i);
            int receiveCount = SqsRecords.receiveCount(record);
            items.add(null);
            try {
                StockChange change = SqsStockChangePublisher.read(record.getBody());
                (change.shopChangedItself() ? shopMoved : change.timePassed() ? timed : plain)
                        .add(new Read(i, record, receiveCount, change));
            } catch (RuntimeException e) {
                LOG.errorf("stock-changes message %s is unreadable (it will reach the DLQ): %s", record.getMessageId(), e.getMessage());
                items.set(i, new QueueBatch.Item<>(record, receiveCount, Optional.empty(), Optional.empty(), Optional.of(e)));
            }
        }
        pushTogether(plain, false, false, items);
        pushTogether(shopMoved, true, false, items);
        pushTogether(timed, false, true, items);
        return new QueueBatch<>(items);
    }

    private void pushTogether(List<Read> reads, boolean shopChangedItself, boolean timePassed,
                              List<QueueBatch.Item<StockChange, StockPushService.Report>> items) {
        if (reads.isEmpty()) {
            return;
        }
        if (reads.size() > 1) {
            Set<String> codes = new TreeSet<>();
            reads.forEach(r -> codes.addAll(r.change().stockCodes()));
            try {
                StockPushService.Report report = push.push(codes, shopChangedItself, timePassed);
                reads.forEach(r -> items.set(r.index(), pushed(r, report)));
                return;
            } catch (RuntimeException e) {
                LOG.infof("stock push of %d changes together not done (%s: %s); each is pushed on its own", reads.size(),
                        e.getClass().getSimpleName(), e.getMessage());
            }
        }
        for (Read r : reads) {
            try {
                items.set(r.index(), pushed(r, push.push(r.change().stockCodes(), shopChangedItself, timePassed)));
            } catch (RuntimeException e) {
                LOG.infof("stock push not done on try %d (%s: %s); SQS delivers it again", r.receiveCount(), e.getClass().getSimpleName(),
                        e.getMessage());
                items.set(r.index(), new QueueBatch.Item<>(r.record(), r.receiveCount(), Optional.of(r.change()), Optional.empty(),
                        Optional.of(e)));
            }
        }
    }

    private static QueueBatch.Item<StockChange, StockPushService.Report> pushed(Read r, StockPushService.Report report) {
        return new QueueBatch.Item<>(r.record(), r.receiveCount(), Optional.of(r.change()), Optional.of(report), Optional.empty());
    }
}
