package com.shopkhaos.infra.sqs;

import com.shopkhaos.model.despatch.RetryBackoff;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS as the flows use it beyond send and receive: a failed message hidden for its back-off before the next try (the
 * Lambda and the sandbox's poller alike), and queue depths for the health view.
 */
public final class QueueRetries {
    private static final Logger LOG = Logger.getLogger(QueueRetries.class);

    private QueueRetries() {
    }

    /** Hides a failed message for the back-off after try {@code attempt}; when that fails it comes back after the queue's timeout. */
    public static void hideForBackoff(SqsClient sqs, String queueUrl, String receiptHandle, RetryBackoff backoff, int attempt) {
        Duration wait = backoff.after(attempt);
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout((int) Math.max(1, wait.toSeconds())));
        } catch (RuntimeException e) {
            LOG.warnf("could not set a failed message's back-off (it comes back after the queue's visibility timeout): %s",
                    e.getMessage());
        }
    }

    /** "Queue &lt;name&gt;" → "&lt;n&gt; waiting" (or "could not be read") for each queue URL. */
    public static Map<String, String> depths(SqsClient sqs, List<String> queueUrls) {
        Map<String, String> figures = new TreeMap<>();
        for (String url : queueUrls) {
            String name = url.substring(url.lastIndexOf('/') + 1);
            try {
                String depth = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?");
                figures.put("Queue " + name, depth + " waiting");
            } catch (RuntimeException e) {
                figures.put("Queue " + name, "could not be read");
            }
        }
        return figures;
    }
}
