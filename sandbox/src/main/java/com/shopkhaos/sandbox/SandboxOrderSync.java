package com.shopkhaos.sandbox;

import com.shopkhaos.infra.sqs.OrderEventCodec;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.OrderSyncService;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The order-sync Lambda's part in the sandbox: workers poll {@code order-events} as Lambda's event source
 * mapping would (batches of up to 10; the successes are deleted when the batch is done, the failures come
 * back after the visibility timeout, and after five tries go to the DLQ), and the sweep runs on a timer.
 * A worker can be killed mid-batch ({@link #killNextBatch}): it stops without deleting anything, as a
 * Lambda that timed out or crashed would, and a new one takes its place.
 */
@ApplicationScoped
public class SandboxOrderSync {
    private static final Logger LOG = Logger.getLogger(SandboxOrderSync.class);
    static final int KEEP_PROCESSED = 20_000;

    /** One message handled: what it was, what became of the order, which delivery of it this was. */
    public record Processed(String eventId, String orderId, String orderNumber, String type, String outcome, int receiveCount,
                            Instant at) {
    }

    @Inject
    SqsClient sqs;

    @Inject
    OrderSyncService sync;

    @Inject
    ScheduledOrderChecks scheduled;

    @ConfigProperty(name = "shopkhaos.order-events-queue-url")
    String queue;

    @ConfigProperty(name = "sandbox.order-sync.workers")
    int workers;

    @ConfigProperty(name = "sandbox.order-sync.visibility-seconds")
    int visibilitySeconds;

    @ConfigProperty(name = "sandbox.sweep.seconds")
    int sweepSeconds;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean stopped = new AtomicBoolean(false);
    private final AtomicInteger killAfter = new AtomicInteger(-1);
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Deque<Processed> processed = new ArrayDeque<>();
    private final AtomicInteger workerNumber = new AtomicInteger();
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent started) {
        for (int i = 0; i < workers; i++) {
            startWorker();
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "order-sweep"));
        if (sweepSeconds > 0) {
            timer.scheduleWithFixedDelay(this::sweepQuietly, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped.set(true);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void startWorker() {
        daemon(this::work, "order-sync-" + workerNumber.incrementAndGet()).start();
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
                    LOG.warnf("order-sync could not read order-events: %s", e.getMessage());
                    sleep(1000);
                }
                continue;
            }
            if (!handle(batch)) {
                startWorker();
                return;
            }
        }
    }

    /** One batch, as one Lambda invocation; false when the worker was killed in the middle of it. */
    private boolean handle(List<Message> batch) {
        int dieAfter = batch.isEmpty() ? -1 : killAfter.getAndSet(-1);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (dieAfter >= 0 && i >= Math.min(dieAfter, batch.size() - 1)) {
                kills.incrementAndGet();
                abandoned.addAndGet(batch.size());
                LOG.warnf("order-sync worker killed after %d of %d messages; none of the batch deleted", i, batch.size());
                return false;
            }
            Message m = batch.get(i);
            if (process(m)) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            try {
                sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(done));
            } catch (RuntimeException e) {
                LOG.warnf("order-sync could not delete %d handled messages (they will come again): %s", done.size(), e.getMessage());
            }
        }
        return true;
    }

    private boolean process(Message m) {
        int receiveCount = Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        OrderEvent event;
        try {
            event = OrderEventCodec.read(m.body());
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            LOG.errorf("order-events message %s is unreadable (it will reach the DLQ): %s", m.messageId(), e.getMessage());
            return false;
        }
        try {
            OrderState state = sync.process(event);
            succeeded.incrementAndGet();
            remember(new Processed(event.eventId(), event.orderId(), event.orderNumber(), event.type().name(), state.name(),
                    receiveCount, Instant.now()));
            return true;
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            remember(new Processed(event.eventId(), event.orderId(), event.orderNumber(), event.type().name(),
                    "FAILED: " + e.getClass().getSimpleName(), receiveCount, Instant.now()));
            LOG.infof("order %s not handled this time (%s: %s); SQS delivers it again", event.orderNumber(),
                    e.getClass().getSimpleName(), e.getMessage());
            return false;
        }
    }

    private void remember(Processed p) {
        synchronized (processed) {
            processed.addLast(p);
            while (processed.size() > KEEP_PROCESSED) {
                processed.removeFirst();
            }
        }
    }

    private void sweepQuietly() {
        try {
            runSweep();
        } catch (RuntimeException e) {
            LOG.warnf("sweep failed (next run in %d s): %s", sweepSeconds, e.getMessage());
        }
    }

    /** One run of the order-sweep Lambda: the sweep, then the Khaos confirmation check. */
    public synchronized ScheduledOrderChecks.Report runSweep() {
        return scheduled.run();
    }

    /** The next batch a worker receives is abandoned after {@code messages} of it are handled. */
    public void killNextBatch(int messages) {
        killAfter.set(Math.max(0, messages));
    }

    public void running(boolean on) {
        running.set(on);
    }

    public Map<String, Object> status() {
        return Map.of("running", running.get(), "workers", workers, "visibilitySeconds", visibilitySeconds,
                "sweepSeconds", sweepSeconds, "handled", succeeded.get(), "failed", failed.get(), "failures", Map.copyOf(failures),
                "kills", kills.get(), "abandonedMessages", abandoned.get(), "killPending", killAfter.get() >= 0);
    }

    public List<Processed> processed(String orderId) {
        synchronized (processed) {
            return processed.stream().filter(p -> orderId == null || orderId.isEmpty() || p.orderId().equals(orderId)).toList();
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
