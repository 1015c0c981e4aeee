package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.SqsDespatchPublisher;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * despatch-writeback's handling of a {@code despatches} batch, for the Lambda and the sandbox's poller alike. Each
 * record's write-back is told which try it is (the queue's last one puts the failing step in front of a person); a
 * record that fails is hidden for a back-off that doubles with each try, then reported as a batch item failure (after
 * the queue's maxReceiveCount it goes to the DLQ).
 */
public final class DespatchesHandler {
    private static final Logger LOG = Logger.getLogger(DespatchesHandler.class);

    /** The write-back of one notice, on try {@code receiveCount}. */
    @FunctionalInterface
    public interface Writeback {
        DespatchWritebackService.Result writeBack(DespatchNotice notice, int receiveCount);
    }

    /** Hides a failed record for the back-off after try {@code receiveCount}. */
    @FunctionalInterface
    public interface BackOff {
        void hide(SQSMessage record, int receiveCount);
    }

    private final Writeback writeback;
    private final BackOff backOff;

    public DespatchesHandler(Writeback writeback, BackOff backOff) {
        this.writeback = writeback;
        this.backOff = backOff;
    }

    public QueueBatch<DespatchNotice, DespatchWritebackService.Result> handle(SQSEvent event) {
        return SqsRecords.each(event, SqsDespatchPublisher::read, writeback::writeBack, this::failed);
    }

    private void failed(SQSMessage record, int receiveCount, Optional<DespatchNotice> notice, RuntimeException e) {
        backOff.hide(record, receiveCount);
        LOG.infof("despatch write-back of %s not done (try %d; %s); SQS delivers it again",
                notice.map(DespatchNotice::orderNumber).orElse("an unreadable message " + record.getMessageId()), receiveCount,
                e.getMessage());
    }
}
