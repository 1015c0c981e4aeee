package com.shopkhaos.sandbox;

import com.shopkhaos.infra.sqs.SqsStockChangePublisher;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.model.stock.StockReconcileService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stock-push Lambda's part in the sandbox: workers poll {@code stock-changes} as Lambda's event source mapping
 * would (batches of 10; successes deleted, failures back after the visibility timeout, DLQ after five), and the
 * full reconcile runs on a timer.
 */
@ApplicationScoped
public class SandboxStockSync {
    private static final Logger LOG = Logger.getLogger(SandboxStockSync.class);
    static final int KEEP = 2_000;

    /** One push: which codes, what it wrote, when. */
    public record Pushed(List<String> stockCodes, String reason, int written, int requests, Instant changedAt, Instant pushedAt) {
    }

    @Inject
    SqsClient sqs;

    @Inject
    StockPushService push;

    @Inject
    StockReconcileService reconcile;

    @ConfigProperty(name = "shopkhaos.stock-changes-queue-url")
    String queue;

    @ConfigProperty(name = "sandbox.stock-push.workers")
    int workers;

    @ConfigProperty(name = "sandbox.stock-reconcile.seconds")
    int reconcileSeconds;

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Deque<Pushed> pushed = new ArrayDeque<>();
    private volatile List<StockReconcileService.Report> lastReconcile = List.of();
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent started) {
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "stock-push-" + (i + 1));
            t.setDaemon(true);
            t.start();
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stock-reconcile");
            t.setDaemon(true);
            return t;
        });
        if (reconcileSeconds > 0) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    runReconcile();
                } catch (RuntimeException e) {
                    LOG.warnf("stock reconcile failed (next run in %d s): %s", reconcileSeconds, e.getMessage());
                }
            }, reconcileSeconds, reconcileSeconds, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped.set(true);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void work() {
        while (!stopped.get()) {
            if (!running.get()) {
                sleep(200);
                continue;
            }
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(10))
                        .messages();
            } catch (RuntimeException e) {
                if (!stopped.get()) {
                    LOG.warnf("stock-push could not read stock-changes: %s", e.getMessage());
                    sleep(1000);
                }
                continue;
            }
            if (!running.get()) {
                release(batch); // paused while the poll was open: hand the batch back untouched
                continue;
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                try {
                    StockChange change = SqsStockChangePublisher.read(m.body());
                    StockPushService.Report report = push.push(change.stockCodes(), change.shopChangedItself());
                    handled.incrementAndGet();
                    remember(new Pushed(change.stockCodes(), change.reason(), report.written(), report.requests(), change.at(),
                            Instant.now()));
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(m.receiptHandle()).build());
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    LOG.infof("stock push not done this time (%s: %s); SQS delivers it again", e.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
            if (!done.isEmpty()) {
                try {
                    sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(done));
                } catch (RuntimeException e) {
                    LOG.warnf("stock-push could not delete handled messages: %s", e.getMessage());
                }
            }
        }
    }

    private void release(List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ChangeMessageVisibilityBatchRequestEntry> back = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            back.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(0).build());
        }
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queue).entries(back));
        } catch (RuntimeException e) {
            LOG.warnf("stock-push could not hand back a batch while paused (SQS returns it after the timeout): %s", e.getMessage());
        }
    }

    private void remember(Pushed p) {
        synchronized (pushed) {
            pushed.addLast(p);
            while (pushed.size() > KEEP) {
                pushed.removeFirst();
            }
        }
    }

    public synchronized List<StockReconcileService.Report> runReconcile() {
        lastReconcile = reconcile.reconcile();
        return lastReconcile;
    }

    public void running(boolean on) {
        running.set(on);
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("running", running.get());
        status.put("workers", workers);
        status.put("handled", handled.get());
        status.put("failed", failed.get());
        status.putAll(queueDepth());
        status.put("reconcileSeconds", reconcileSeconds);
        status.put("lastReconcile", lastReconcile);
        return status;
    }

    /** Messages on stock-changes waiting, and taken by a worker but not yet deleted. */
    private Map<String, Object> queueDepth() {
        try {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return Map.of("queued", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    "inProgress", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
        } catch (RuntimeException e) {
            return Map.of("queueError", String.valueOf(e.getMessage()));
        }
    }

    public List<Pushed> pushed() {
        synchronized (pushed) {
            return new ArrayList<>(pushed);
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
