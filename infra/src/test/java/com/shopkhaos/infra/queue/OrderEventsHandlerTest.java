package com.shopkhaos.infra.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.infra.sqs.OrderEventCodec;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.events.UnsupportedMessageVersionException;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * order-sync's handling of an {@code order-events} batch, fed the SQS event Lambda delivers: only the records that
 * failed go back to the queue, each by its message id, and the others are done.
 */
class OrderEventsHandlerTest {
    private final List<OrderEvent> synced = new ArrayList<>();
    private final OrderEventsHandler handler = new OrderEventsHandler(event -> {
        synced.add(event);
        if (event.orderNumber().equals("10043")) {
            throw new IllegalStateException("shop answered 503");
        }
        return OrderState.READY;
    });

    @Test
    void aBatch_reportsOnlyTheRecordsThatFailed_andFinishesTheOthers() {
        QueueBatch<OrderEvent, OrderState> batch = handler.handle(SqsEvents.load("/events/sqs-order-events.json"));

        assertThat(SqsEvents.json(batch.response())).isEqualTo("{\"batchItemFailures\":["
                + "{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"},"
                + "{\"itemIdentifier\":\"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f\"}]}");
        assertThat(batch.handled()).extracting(SQSMessage::getMessageId).containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(synced).extracting(OrderEvent::orderNumber, OrderEvent::type)
                .as("the newer version's record is not synced").containsExactly(
                        tuple("10042", OrderEventType.ORDER_PLACED),
                        tuple("10043", OrderEventType.PAYMENT_PAID));
    }

    @Test
    void eachRecord_keepsItsTry_itsEvent_andWhatBecameOfIt() {
        List<QueueBatch.Item<OrderEvent, OrderState>> items = handler.handle(SqsEvents.load("/events/sqs-order-events.json")).items();

        assertThat(items).extracting(QueueBatch.Item::receiveCount).as("a record without its count is a first try")
                .containsExactly(1, 3, 1);
        assertThat(items.get(0).result()).contains(OrderState.READY);
        assertThat(items.get(1).message().map(OrderEvent::eventId)).contains("evt-paid");
        assertThat(items.get(1).failure()).get().extracting(Throwable::getMessage).isEqualTo("shop answered 503");
        assertThat(items.get(2).message()).as("unreadable").isEmpty();
        assertThat(items.get(2).failure()).get().isInstanceOf(UnsupportedMessageVersionException.class);
    }

    @Test
    void aBatchWithNothingFailing_answersNoBatchItemFailures() {
        OrderEventsHandler allWell = new OrderEventsHandler(event -> OrderState.WITHDRAWN);
        var event = SqsEvents.load("/events/sqs-order-events.json");
        event.setRecords(event.getRecords().subList(0, 2));

        assertThat(SqsEvents.json(allWell.handle(event).response())).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void anOrdersPlacedAndPaidWebhooksInOneBatch_areSyncedOnce_andBothAreDone() {
        List<OrderEvent> seen = new ArrayList<>();
        OrderEventsHandler handler = new OrderEventsHandler(e -> {
            seen.add(e);
            return OrderState.READY;
        });
        QueueBatch<OrderEvent, OrderState> batch = handler.handle(batch(
                event("o1", "10050", OrderEventType.ORDER_PLACED), event("o1", "10050", OrderEventType.PAYMENT_PAID),
                event("o2", "10051", OrderEventType.ORDER_PLACED)));

        assertThat(seen).extracting(OrderEvent::orderNumber, OrderEvent::type).as("one read of the shop per order")
                .containsExactly(tuple("10050", OrderEventType.ORDER_PLACED), tuple("10051", OrderEventType.ORDER_PLACED));
        assertThat(batch.handled()).as("every record is done, the paid one by the placed one's handling").hasSize(3);
        assertThat(batch.items()).allSatisfy(item -> assertThat(item.result()).contains(OrderState.READY));
        assertThat(SqsEvents.json(batch.response())).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void whenTheSharedSyncFails_everyEventItServed_comesBackToTheQueue() {
        OrderEventsHandler handler = new OrderEventsHandler(e -> {
            throw new IllegalStateException("shop answered 503");
        });
        QueueBatch<OrderEvent, OrderState> batch = handler.handle(batch(
                event("o1", "10050", OrderEventType.ORDER_PLACED), event("o1", "10050", OrderEventType.PAYMENT_AUTHORIZED)));

        assertThat(SqsEvents.json(batch.response())).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m0\"},"
                + "{\"itemIdentifier\":\"m1\"}]}");
    }

    @Test
    void aCancellationARefundOrASweepFinding_isAlwaysSyncedOnItsOwn_andTheNextPaymentIsSyncedAfresh() {
        List<OrderEventType> seen = new ArrayList<>();
        OrderEventsHandler handler = new OrderEventsHandler(e -> {
            seen.add(e.type());
            return OrderState.IMPORTED;
        });
        handler.handle(batch(event("o1", "10050", OrderEventType.ORDER_PLACED), event("o1", "10050", OrderEventType.ORDER_CANCELLED),
                event("o1", "10050", OrderEventType.PAYMENT_PAID), event("o1", "10050", OrderEventType.PAYMENT_REFUNDED),
                event("o1", "10050", OrderEventType.FOUND_BY_SWEEP), event("o1", "10050", OrderEventType.FOUND_BY_SWEEP),
                event("o1", "10050", OrderEventType.RETRY_REQUESTED)));

        assertThat(seen).containsExactly(OrderEventType.ORDER_PLACED, OrderEventType.ORDER_CANCELLED, OrderEventType.PAYMENT_PAID,
                OrderEventType.PAYMENT_REFUNDED, OrderEventType.FOUND_BY_SWEEP, OrderEventType.FOUND_BY_SWEEP,
                OrderEventType.RETRY_REQUESTED);
    }

    private static OrderEvent event(String orderId, String number, OrderEventType type) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, "evt-" + number + "-" + type, "shop1", type, orderId, number,
                Instant.parse("2026-12-07T10:00:00Z"));
    }

    private static SQSEvent batch(OrderEvent... events) {
        List<SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            SQSMessage record = new SQSMessage();
            record.setMessageId("m" + i);
            record.setBody(OrderEventCodec.write(events[i]));
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
