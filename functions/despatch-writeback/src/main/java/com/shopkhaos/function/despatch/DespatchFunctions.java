package com.shopkhaos.function.despatch;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.WritebackSettings;
import com.shopkhaos.infra.sqs.QueueRetries;
import com.shopkhaos.infra.sqs.SqsDespatchPublisher;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The despatch-writeback Lambda: one {@code despatches} record (a throw reports just that record as a batch item
 * failure; SQS delivers it again, and after the queue's maxReceiveCount to the DLQ). It takes the SQS record itself
 * to know which try this is (the last one puts the failing step in front of a person) and to hide a failed record for
 * a back-off that doubles with each try.
 */
public class DespatchFunctions {
    @Inject
    DespatchWritebackService writeback;

    @Inject
    SqsClient sqs;

    @Inject
    QueueSettings queues;

    @Inject
    WritebackSettings settings;

    @Funq("despatch-writeback")
    public Map<String, String> despatchWriteback(SQSEvent.SQSMessage message) {
        int attempt = attempt(message);
        try {
            DespatchWritebackService.Result result = writeback.writeBack(SqsDespatchPublisher.read(message.getBody()), attempt);
            return Map.of("outcome", result.outcome().name(), "detail", result.detail());
        } catch (RuntimeException e) {
            backOff(message, attempt);
            throw e;
        }
    }

    private void backOff(SQSEvent.SQSMessage message, int attempt) {
        QueueRetries.hideForBackoff(sqs, queues.despatches(), message.getReceiptHandle(), settings.retryBackoff(), attempt);
    }

    static int attempt(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
