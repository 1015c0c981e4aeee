package com.shopkhaos.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.queue.DespatchesHandler;
import com.shopkhaos.infra.queue.QueueBatch;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The despatch-writeback Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds {@code despatches} to the
 * function's own handler ({@link DespatchesHandler}) as Lambda's event source mapping would: a failed message is
 * hidden for its back-off before the next try, and after the queue's maxReceiveCount it goes to the DLQ.
 */
@ApplicationScoped
public class SandboxDespatchSync {
    private static final Logger LOG = Logger.getLogger(SandboxDespatchSync.class);
    static final int KEEP = 5_000;
    static final int VISIBILITY_SECONDS = 30;

    /** One message handled: the order, what happened, the try, when Khaos's report arrived and when this finished. */
    public record Handled(String orderNumber, String outcome, String detail, int attempt, Instant reportedAt, Instant doneAt) {
    }

    @Inject
    SqsClient sqs;

    @Inject
    DespatchesHandler despatches;

    @Inject
    QueueSettings queues;

    @Inject
    SandboxConfig config;

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RecentLog<Handled> log = new RecentLog<>(KEEP);
    private SandboxQueuePoller poller;

    void start(@Observes StartupEvent started) {
        poller = new SandboxQueuePoller(LOG, sqs, queues.despatches(), "despatch-writeback", VISIBILITY_SECONDS, this::handle);
        poller.start(config.despatch().workers(), "despatch-none", 0, () -> { });
    }

    void stop(@Observes ShutdownEvent stopping) {
        poller.stop();
    }

    /** One batch, as one Lambda invocation: the records written back (a failure is hidden for its back-off). */
    private List<SQSMessage> handle(SQSEvent batch) {
        QueueBatch<DespatchNotice, DespatchWritebackService.Result> done = AwsCallRecorder.asFunction("DespatchWritebackFunction",
                () -> despatches.handle(batch));
        Instant now = Instant.now();
        for (QueueBatch.Item<DespatchNotice, DespatchWritebackService.Result> item : done.items()) {
            (item.failed() ? failed : handled).incrementAndGet();
            String orderNumber = item.message().map(DespatchNotice::orderNumber).orElse("?");
            Instant reportedAt = item.message().map(DespatchNotice::at).orElse(now);
            log.add(item.result().map(r -> new Handled(orderNumber, r.outcome().name(), r.detail(), item.receiveCount(), reportedAt, now))
                    .orElseGet(() -> new Handled(orderNumber, "FAILED", item.failure().orElseThrow().getMessage(), item.receiveCount(),
                            reportedAt, now)));
        }
        return done.handled();
    }

    public void running(boolean on) {
        poller.running(on);
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("running", poller.running());
        status.put("workers", config.despatch().workers());
        status.put("handled", handled.get());
        status.put("failed", failed.get());
        status.putAll(poller.depth());
        return status;
    }

    public List<Handled> handled() {
        return log.all();
    }
}
