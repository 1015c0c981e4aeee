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
    /** One push: its codes, and whether the shop had moved its own stock. */
    record Pushed(List<String> codes, boolean shopChangedItself, boolean timePassed) {
    }

    private final List<Pushed> pushed = new ArrayList<>();
    private final StockChangesHandler handler = new StockChangesHandler((codes, shopChangedItself, timePassed) -> {
        pushed.add(new Pushed(List.copyOf(codes), shopChangedItself, timePassed));
        if (codes.contains("SCARF-MER-GRY")) {
            throw new IllegalStateException("shop answered 429");
        }
        return new StockPushService.Report(codes.size(), codes.size(), 2, 1, List.of());
    });

    @Test
    void aBusyBatch_isOnePushForItsChanges_oneForThoseTheShopMovedItself_andOneForThoseTimeChanged() {
        QueueBatch<StockChange, StockPushService.Report> batch = handler.handle(SqsEvents.load("/events/sqs-stock-changes-busy.json"));

        assertThat(pushed).containsExactly(new Pushed(List.of("CANDLE-SOY-LRG", "HAT-RED", "MUG-BLUE"), false, false),
                new Pushed(List.of("MUG-BLUE", "SOCKS-WOOL-3PK"), true, false), new Pushed(List.of("HAT-RED"), false, true));
        assertThat(batch.response().getBatchItemFailures()).isEmpty();
        assertThat(batch.handled()).hasSize(5);
        assertThat(batch.items()).extracting(i -> i.message().orElseThrow().reason())
                .as("each record keeps its own change, in the batch's order")
                .containsExactly("Khaos stock push", "order 10042 in Khaos", "order 10043 placed", "order 10044 placed",
                        "order 10042 in Khaos 20 s ago");
        assertThat(batch.items().get(0).result().orElseThrow()).as("the changes pushed together share its report")
                .isSameAs(batch.items().get(1).result().orElseThrow()).extracting(StockPushService.Report::codes).isEqualTo(3);
        assertThat(batch.items().get(3).receiveCount()).isEqualTo(3);
    }

    @Test
    void whenTheChangesTogetherFail_eachIsPushedOnItsOwn_andOnlyTheFailedAndTheUnreadableGoBack() {
        QueueBatch<StockChange, StockPushService.Report> batch = handler.handle(SqsEvents.load("/events/sqs-stock-changes.json"));

        assertThat(batch.response().getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("3f2e1d0c-5b4a-4978-8695-a4b3c2d1e0f9", "c1d2e3f4-0000-4aaa-8bbb-123456789abc");
        assertThat(batch.handled()).extracting(SQSMessage::getMessageId).containsExactly("7b4f5c39-3b8e-4d6f-9a51-0d2f3c1f6c11");
        assertThat(pushed).containsExactly(new Pushed(List.of("HAT-RED", "MUG-BLUE", "SCARF-MER-GRY"), false, false),
                new Pushed(List.of("MUG-BLUE", "HAT-RED"), false, false), new Pushed(List.of("SCARF-MER-GRY"), false, false));
        assertThat(batch.items().get(0).result()).get().extracting(StockPushService.Report::written).isEqualTo(2);
        assertThat(batch.items().get(1).receiveCount()).isEqualTo(2);
        assertThat(batch.items().get(2).message()).as("a message from a newer version is not read").isEmpty();
    }
}
