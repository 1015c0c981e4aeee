package com.shopkhaos.infra.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockPushService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stock-push's handling of a {@code stock-changes} batch, fed the SQS event Lambda delivers. */
class StockChangesHandlerTest {
    private final List<List<String>> pushed = new ArrayList<>();
    private final StockChangesHandler handler = new StockChangesHandler(change -> {
        pushed.add(change.stockCodes());
        if (change.stockCodes().contains("SCARF-MER-GRY")) {
            throw new IllegalStateException("shop answered 429");
        }
        return new StockPushService.Report(change.stockCodes().size(), change.stockCodes().size(), 2, 1, List.of());
    });

    @Test
    void aBatch_pushesEachChange_andSendsBackOnlyTheFailedAndTheUnreadable() {
        QueueBatch<StockChange, StockPushService.Report> batch = handler.handle(SqsEvents.load("/events/sqs-stock-changes.json"));

        assertThat(batch.response().getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("3f2e1d0c-5b4a-4978-8695-a4b3c2d1e0f9", "c1d2e3f4-0000-4aaa-8bbb-123456789abc");
        assertThat(batch.handled()).extracting(SQSMessage::getMessageId).containsExactly("7b4f5c39-3b8e-4d6f-9a51-0d2f3c1f6c11");
        assertThat(pushed).containsExactly(List.of("MUG-BLUE", "HAT-RED"), List.of("SCARF-MER-GRY"));
        assertThat(batch.items().get(0).result()).get().extracting(StockPushService.Report::written).isEqualTo(2);
        assertThat(batch.items().get(1).receiveCount()).isEqualTo(2);
    }
}
