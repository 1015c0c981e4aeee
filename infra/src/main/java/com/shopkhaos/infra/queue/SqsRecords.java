package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SQS records as Lambda's event source mapping hands them to a function ({@link SQSEvent}), and the one loop every
 * queue handler runs over them: read each record's message, handle it, and note what came of it.
 */
public final class SqsRecords {
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private SqsRecords() {
    }

    /** How to handle one message, given which try of its record this is. */
    @FunctionalInterface
    public interface Handling<M, R> {
        R handle(M message, int receiveCount);
    }

    /** What to do when a record failed (before it is reported as a batch item failure); no message: it could not be read. */
    @FunctionalInterface
    public interface OnFailure<M> {
        void failed(SQSMessage record, int receiveCount, Optional<M> message, RuntimeException failure);
    }

    /** The record's try: SQS's {@code ApproximateReceiveCount}, 1 when missing or unreadable. */
    public static int receiveCount(SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String count = attributes == null ? null : attributes.get(RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The records Lambda would hand over for messages received from a queue (received with their
     * {@code ApproximateReceiveCount}), so that what polls a queue itself calls the same handler as the function.
     */
    public static SQSEvent event(List<Message> received, String queueArn) {
        List<SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            SQSMessage record = new SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            record.setMessageAttributes(Map.of());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /**
     * Each record in turn: its message read by {@code read}, then handled; a record that cannot be read, or whose handling
     * throws, is a failure ({@code onFailure} is told first) and the next record is handled all the same.
     */
    static <M, R> QueueBatch<M, R> each(SQSEvent event, Function<String, M> read, Handling<M, R> handling, OnFailure<M> onFailure) {
        List<QueueBatch.Item<M, R>> items = new ArrayList<>();
        List<SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSMessage record : records) {
            int receiveCount = receiveCount(record);
            M message = null;
            try {
                message = read.apply(record.getBody());
                R result = handling.handle(message, receiveCount);
                items.add(new QueueBatch.Item<>(record, receiveCount, Optional.of(message), Optional.ofNullable(result), Optional.empty()));
            } catch (RuntimeException e) {
                Optional<M> readable = Optional.ofNullable(message);
                onFailure.failed(record, receiveCount, readable, e);
                items.add(new QueueBatch.Item<>(record, receiveCount, readable, Optional.empty(), Optional.of(e)));
            }
        }
        return new QueueBatch<>(items);
    }
}
