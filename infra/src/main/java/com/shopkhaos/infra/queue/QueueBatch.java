package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.List;
import java.util.Optional;

/**
 * What one batch of SQS records came to, record by record: which try of it this was, the message it carried (when it
 * could be read), and what handling it gave or why it failed. A failed record is a batch item failure: SQS delivers it
 * again, and after the queue's maxReceiveCount to its DLQ.
 *
 * @param <M> the message a record carries
 * @param <R> what handling one message gives
 */
public record QueueBatch<M, R>(List<Item<M, R>> items) {

    /** One record: its try ({@code ApproximateReceiveCount}), its message, and its result or its failure. */
    public record Item<M, R>(SQSMessage record, int receiveCount, Optional<M> message, Optional<R> result,
                             Optional<RuntimeException> failure) {
        public boolean failed() {
            return failure.isPresent();
        }
    }

    public QueueBatch {
        items = List.copyOf(items);
    }

    /** The records handled (the rest are batch item failures). */
    public List<SQSMessage> handled() {
        return items.stream().filter(i -> !i.failed()).map(Item::record).toList();
    }

    /** Lambda's partial batch answer: the message id of each record that failed. */
    public SQSBatchResponse response() {
        return new SQSBatchResponse(items.stream().filter(Item::failed)
                .map(i -> new SQSBatchResponse.BatchItemFailure(i.record().getMessageId())).toList());
    }
}
