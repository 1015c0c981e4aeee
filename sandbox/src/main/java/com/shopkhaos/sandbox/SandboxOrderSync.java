package com.shopkhaos.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.queue.OrderEventsHandler;
import com.shopkhaos.infra.queue.QueueBatch;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The order-sync Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds {@code order-events} to the
 * function's own handler ({@link OrderEventsHandler}) as Lambda's event source mapping would, and the sweep runs on a
 * timer. A worker can be killed mid-batch
 * ({@link #killNextBatch}): it stops without deleting anything, as a Lambda that timed out or crashed would,
 * and a new one takes its place.
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
    OrderEventsHandler orderEvents;

    @Inject
    ScheduledOrderChecks scheduled;

    @Inject
    QueueSettings queues;

    @Inject
    SandboxConfig config;

    private final AtomicInteger killAfter = new AtomicInteger(-1);
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final RecentLog<Processed> processed = new RecentLog<>(KEEP_PROCESSED);
    private SandboxQueuePoller poller;

    void start(@Observes StartupEvent started) {
        poller = new SandboxQueuePoller(LOG, sqs, queues.orderEvents(), "order-sync", config.orderSync().visibilitySeconds(),
                this::handle);
        poller.start(config.orderSync().workers(), "order-sweep", config.sweep().seconds(), this::runSweep);
    }

    void stop(@Observes ShutdownEvent stopping) {
        poller.stop();
    }

    /** One batch, as one Lambda invocation: the records handled, or null when the worker was killed in the middle of it. */
    private List<SQSMessage> handle(SQSEvent batch) {
        int dieAfter = killAfter.getAndSet(-1);
        List<SQSMessage> records = batch.getRecords();
        if (dieAfter >= 0) {
            int before = Math.min(dieAfter, records.size() - 1);
            SQSEvent part = new SQSEvent();
            part.setRecords(records.subList(0, before));
            AwsCallRecorder.asFunction("OrderSyncFunction", () -> note(orderEvents.handle(part)));
            kills.incrementAndGet();
            abandoned.addAndGet(records.size());
            LOG.warnf("order-sync worker killed after %d of %d messages; none of the batch deleted", before, records.size());
            return null;
        }
        return AwsCallRecorder.asFunction("OrderSyncFunction", () -> note(orderEvents.handle(batch))).handled();
    }

    /** Counts what the batch came to and keeps each readable record's outcome for {@code /sandbox/order-sync/processed}. */
    private QueueBatch<OrderEvent, OrderState> note(QueueBatch<OrderEvent, OrderState> done) {
        for (QueueBatch.Item<OrderEvent, OrderState> item : done.items()) {
            if (item.failed()) {
                failed.incrementAndGet();
                failures.merge(item.failure().get().getClass().getSimpleName(), 1L, Long::sum);
            } else {
                succeeded.incrementAndGet();
            }
            item.message().ifPresent(event -> processed.add(new Processed(event.eventId(), event.orderId(), event.orderNumber(),
                    event.type().name(), item.result().map(OrderState::name)
                    .orElseGet(() -> "FAILED: " + item.failure().get().getClass().getSimpleName()), item.receiveCount(), Instant.now())));
        }
        return done;
    }

    /** One run of the order-sweep Lambda: the sweep, then the Khaos confirmation check. */
    public synchronized ScheduledOrderChecks.Report runSweep() {
        return AwsCallRecorder.asFunction("OrderSweepFunction", scheduled::run);
    }

    /** The next batch a worker receives is abandoned after {@code messages} of it are handled. */
    public void killNextBatch(int messages) {
        killAfter.set(Math.max(0, messages));
    }

    public void running(boolean on) {
        poller.running(on);
    }

    public Map<String, Object> status() {
        return Map.of("running", poller.running(), "workers", config.orderSync().workers(),
                "visibilitySeconds", config.orderSync().visibilitySeconds(), "sweepSeconds", config.sweep().seconds(), "handled", succeeded.get(), "failed", failed.get(), "failures", Map.copyOf(failures),
                "kills", kills.get(), "abandonedMessages", abandoned.get(), "killPending", killAfter.get() >= 0);
    }

    public List<Processed> processed(String orderId) {
        return processed.all().stream().filter(p -> orderId == null || orderId.isEmpty() || p.orderId().equals(orderId)).toList();
    }
}
