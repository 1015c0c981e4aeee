package com.shopkhaos.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.infra.queue.SqsRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source mapping, as the sandbox plays it: worker threads receive batches of up to 10, hand
 * each batch to the function as the SQS event Lambda would ({@link SqsRecords#event}) and delete the records it
 * handled; the rest come back after the visibility timeout (and reach the DLQ after the queue's maximum receives).
 * Paused, a worker takes nothing, and hands back untouched a batch its open long poll received. A function that dies
 * mid-batch ({@link BatchFunction} answers null) deletes nothing, and a new worker takes its place.
 */
final class SandboxQueuePoller {
    /** One invocation: answers the records it handled, or null when it died in the middle of the batch. */
    interface BatchFunction {
        List<SQSMessage> handle(SQSEvent batch);
    }

    private final Logger log;
    private final SqsClient sqs;
    private final String queue;
    private final String queueArn;
    private final String name;
    private final int visibilitySeconds;
    private final BatchFunction function;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger workerNumber = new AtomicInteger();
    private ScheduledExecutorService timer;

    SandboxQueuePoller(Logger log, SqsClient sqs, String queue, String name, int visibilitySeconds, BatchFunction function) {
        this.log = log;
        this.sqs = sqs;
        this.queue = queue;
        this.queueArn = arnOf(queue);
        this.name = name;
        this.visibilitySeconds = visibilitySeconds;
        this.function = function;
    }

    /** Starts the workers, and the scheduled job every {@code seconds} (none for 0), as its EventBridge rule would. */
    void start(int workers, String jobName, int seconds, Runnable job) {
        for (int i = 0; i < workers; i++) {
            startWorker();
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, jobName));
        if (seconds > 0) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    log.warnf("%s failed (next run in %d s): %s", jobName, seconds, e.getMessage());
                }
            }, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    void stop() {
        stopped.set(true);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void running(boolean on) {
        running.set(on);
    }

    boolean running() {
        return running.get();
    }

    /** Messages waiting, taken by a worker but not yet deleted, and held back until later (a scheduled push). */
    Map<String, Object> depth() {
        try {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return Map.of("queued", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    "inProgress", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                    "delayed", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
        } catch (RuntimeException e) {
            return Map.of("queueError", String.valueOf(e.getMessage()));
        }
    }

    /** The queue's ARN as Lambda's records name it: {@code .../<account>/<name>} → {@code arn:aws:sqs:<region>:<account>:<name>}. */
    static String arnOf(String queueUrl) {
        String[] path = queueUrl.split("/");
        String account = path.length >= 2 ? path[path.length - 2] : LocalCloud.ACCOUNT_ID;
        return "arn:aws:sqs:" + LocalCloud.REGION + ":" + account + ":" + path[path.length - 1];
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void startWorker() {
        daemon(this::work, name + "-" + workerNumber.incrementAndGet()).start();
    }

    private void work() {
        while (!stopped.get()) {
            if (!running.get()) {
                sleep(200);
                continue;
            }
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(visibilitySeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            } catch (RuntimeException e) {
                if (!stopped.get()) {
                    log.warnf("%s could not read its queue: %s", name, e.getMessage());
                    sleep(1000);
                }
                continue;
            }
            if (batch.isEmpty()) {
                continue;
            }
            if (!running.get()) {
                handBack(batch); // paused while the poll was open
                continue;
            }
            List<SQSMessage> handled = function.handle(SqsRecords.event(batch, queueArn));
            if (handled == null) {
                startWorker();
                return;
            }
            delete(handled);
        }
    }

    private void delete(List<SQSMessage> handled) {
        if (handled.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handled.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(handled.get(i).getReceiptHandle())
                    .build());
        }
        try {
            sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
        } catch (RuntimeException e) {
            log.warnf("%s could not delete %d handled messages (they will come again): %s", name, handled.size(), e.getMessage());
        }
    }

    private void handBack(List<Message> batch) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(0).build());
        }
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queue).entries(entries));
        } catch (RuntimeException e) {
            log.warnf("%s could not hand back a batch while paused (SQS returns it after the timeout): %s", name, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
