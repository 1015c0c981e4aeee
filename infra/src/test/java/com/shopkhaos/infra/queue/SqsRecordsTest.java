package com.shopkhaos.infra.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The records a poller builds from received messages are those Lambda delivers, and each try is read the same way. */
class SqsRecordsTest {

    @Test
    void messagesReceivedFromAQueue_becomeTheRecordsLambdaWouldDeliver() {
        Message received = Message.builder().messageId("m-1").receiptHandle("rh-1").body("{\"schemaVersion\":1}")
                .md5OfBody("abc").attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "4")).build();

        SQSEvent event = SqsRecords.event(List.of(received), "arn:aws:sqs:eu-west-2:000000000000:sandbox-despatches");

        SQSMessage record = event.getRecords().get(0);
        SQSMessage delivered = SqsEvents.load("/events/sqs-despatches.json").getRecords().get(0);
        assertThat(record.getAttributes()).containsOnlyKeys("ApproximateReceiveCount");
        assertThat(delivered.getAttributes()).containsKey("ApproximateReceiveCount");
        assertThat(SqsRecords.receiveCount(record)).isEqualTo(4);
        assertThat(record).extracting(SQSMessage::getMessageId, SQSMessage::getReceiptHandle, SQSMessage::getBody,
                SQSMessage::getEventSource, SQSMessage::getEventSourceArn).containsExactly("m-1", "rh-1", "{\"schemaVersion\":1}",
                delivered.getEventSource(), "arn:aws:sqs:eu-west-2:000000000000:sandbox-despatches");
    }

    @Test
    void aMissingOrUnreadableCount_isAFirstTry() {
        SQSMessage record = new SQSMessage();
        assertThat(SqsRecords.receiveCount(record)).isEqualTo(1);
        record.setAttributes(Map.of("ApproximateReceiveCount", "many"));
        assertThat(SqsRecords.receiveCount(record)).isEqualTo(1);
        record.setAttributes(Map.of("ApproximateReceiveCount", "5"));
        assertThat(SqsRecords.receiveCount(record)).isEqualTo(5);
    }
}
