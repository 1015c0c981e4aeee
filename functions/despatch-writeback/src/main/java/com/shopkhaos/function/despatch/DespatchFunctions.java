package com.shopkhaos.function.despatch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.shopkhaos.infra.queue.DespatchesHandler;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The despatch-writeback Lambda: a batch of {@code despatches} records, handled by {@link DespatchesHandler} (each
 * record's try decides when a person is told; a record that fails is hidden for its back-off and reported as a batch
 * item failure, and after the queue's maxReceiveCount goes to the DLQ).
 */
public class DespatchFunctions {
    @Inject
    DespatchesHandler despatches;

    @Funq("despatch-writeback")
    public SQSBatchResponse despatchWriteback(SQSEvent records) {
        return despatches.handle(records).response();
    }
}
