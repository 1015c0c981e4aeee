package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.WritebackSettings;
import com.shopkhaos.infra.sqs.QueueRetries;
import com.shopkhaos.infra.sqs.SqsDespatchPublisher;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import com.shopkhaos.model.despatch.RetryBackoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The despatch-writeback Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds it {@code despatches} as
 * Lambda's event source mapping would. A failed message is hidden for the back-off before its next try, as the
 * function does; after the queue's maxReceiveCount it goes to the DLQ.
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
    DespatchWritebackService writeback;

    @Inject
    QueueSettings queues;

    @Inject
    WritebackSettings writebackSettings;

    @Inject
    SandboxConfig config;

    private String queue;

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RecentLog<Handled> log = new RecentLog<>(KEEP);
    private SandboxQueuePoller poller;
    private RetryBackoff backoff;

    void start(@Observes StartupEvent started) {
        backoff = writebackSettings.retryBackoff();
        queue = queues.despatches();
        poller = new SandboxQueuePoller(LOG, sqs, queue, "despatch-writeback", VISIBILITY_SECONDS, this::handle);
        poller.start(config.despatch().workers(), "despatch-none", 0, () -> { });
    }

    void stop(@Observes ShutdownEvent stopping) {
        poller.stop();
    }

    private List<Message> handle(List<Message> batch) {
        return AwsCallRecorder.asFunction("DespatchWritebackFunction", () -> writeBack(batch));
    }

    private List<Message> writeBack(List<Message> batch) {
        List<Message> done = new ArrayList<>();
        for (Message m : batch) {
            int attempt = SandboxQueuePoller.receiveCount(m);
            DespatchNotice notice = null;
            try {
                notice = SqsDespatchPublisher.read(m.body());
                DespatchWritebackService.Result result = writeback.writeBack(notice, attempt);
                handled.incrementAndGet();
                log.add(new Handled(notice.orderNumber(), result.outcome().name(), result.detail(), attempt, notice.at(), Instant.now()));
                done.add(m);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.add(new Handled(notice == null ? "?" : notice.orderNumber(), "FAILED", e.getMessage(), attempt,
                        notice == null ? Instant.now() : notice.at(), Instant.now()));
                QueueRetries.hideForBackoff(sqs, queue, m.receiptHandle(), backoff, attempt);
                LOG.infof("despatch write-back not done (try %d; %s); SQS delivers it again", attempt, e.getMessage());
            }
        }
        return done;
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
