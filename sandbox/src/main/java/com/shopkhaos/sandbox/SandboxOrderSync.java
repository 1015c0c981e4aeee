package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The order-sync Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds it {@code order-events} as
 * Lambda's event source mapping would, and the sweep runs on a timer. A worker can be killed mid-batch
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
    OrderSyncService sync;

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

    /** One batch, as one Lambda invocation: the messages handled, or null when the worker was killed in the middle of it. */
    private List<Message> handle(List<Message> batch) {
        int dieAfter = killAfter.getAndSet(-1);
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (dieAfter >= 0 && i >= Math.min(dieAfter, batch.size() - 1)) {
                kills.incrementAndGet();
                abandoned.addAndGet(batch.size());
                LOG.warnf("order-sync worker killed after %d of %d messages; none of the batch deleted", i, batch.size());
                return null;
            }
            Message m = batch.get(i);
            if (AwsCallRecorder.asFunction("OrderSyncFunction", () -> process(m))) {
                done.add(m);
            }
        }
        return done;
    }

    private boolean process(Message m) {
        int receiveCount = SandboxQueuePoller.receiveCount(m);
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
            processed.add(new Processed(event.eventId(), event.orderId(), event.orderNumber(), event.type().name(), state.name(),
                    receiveCount, Instant.now()));
            return true;
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            processed.add(new Processed(event.eventId(), event.orderId(), event.orderNumber(), event.type().name(),
                    "FAILED: " + e.getClass().getSimpleName(), receiveCount, Instant.now()));
            LOG.infof("order %s not handled this time (%s: %s); SQS delivers it again", event.orderNumber(),
                    e.getClass().getSimpleName(), e.getMessage());
            return false;
        }
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
