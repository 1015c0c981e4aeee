package com.shopkhaos.infra.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * despatch-writeback's handling of a {@code despatches} batch, fed the SQS event Lambda delivers: each write-back is
 * told which try it is, and a record that fails is hidden for its back-off before it goes back to the queue.
 */
class DespatchesHandlerTest {
    private final List<String> written = new ArrayList<>();
    private final List<String> hidden = new ArrayList<>();
    private final DespatchesHandler handler = new DespatchesHandler((notice, receiveCount) -> {
        written.add(notice.orderNumber() + " try " + receiveCount);
        if (notice.orderNumber().equals("10043")) {
            throw new DespatchWritebackService.WritebackStepFailedException("10043", "reading the order from the shop",
                    new IllegalStateException("shop answered 503"));
        }
        return new DespatchWritebackService.Result(DespatchWritebackService.Outcome.WRITTEN, Optional.empty(), "tracking JD000000000123GB");
    }, (record, receiveCount) -> hidden.add(record.getReceiptHandle() + " after try " + receiveCount));

    @Test
    void eachWriteback_isToldItsTry_andAFailedOrUnreadableRecordIsHiddenForItsBackOff_thenSentBack() {
        QueueBatch<DespatchNotice, DespatchWritebackService.Result> batch = handler.handle(SqsEvents.load("/events/sqs-despatches.json"));

        assertThat(written).containsExactly("10042 try 1", "10043 try 3");
        assertThat(hidden).containsExactly("AQEBdespatchShopDown... after try 3", "AQEBdespatchNewer... after try 2");
        assertThat(batch.response().getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("6e1d9f8a-2c3b-4d4e-8f9a-1b2c3d4e5f62", "9e8d7c6b-0000-4aaa-8bbb-123456789def");
        assertThat(batch.handled()).extracting(SQSMessage::getMessageId).containsExactly("5d0c8f7e-1b2a-4c3d-9e8f-0a1b2c3d4e51");
        assertThat(batch.items().get(0).message()).get().satisfies(n -> {
            assertThat(n.shipments()).hasSize(1);
            assertThat(n.shipments().get(0).parcels().get(0).consignmentRef()).isEqualTo("JD000000000123GB");
        });
    }
}
