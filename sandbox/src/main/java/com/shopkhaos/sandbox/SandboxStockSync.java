package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stock-push Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds it {@code stock-changes} as
 * Lambda's event source mapping would, and the full reconcile runs on a timer.
 */
@ApplicationScoped
public class SandboxStockSync {
    private static final Logger LOG = Logger.getLogger(SandboxStockSync.class);
    static final int KEEP = 2_000;
    static final int VISIBILITY_SECONDS = 10;

    /** One push: which codes, what it wrote, when. */
    public record Pushed(List<String> stockCodes, String reason, int written, int requests, Instant changedAt, Instant pushedAt) {
    }

    @Inject
    SqsClient sqs;

    @Inject
    StockPushService push;

    @Inject
    StockReconcileService reconcile;

    @Inject
    QueueSettings queues;

    @Inject
    SandboxConfig config;

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RecentLog<Pushed> pushed = new RecentLog<>(KEEP);
    private volatile List<StockReconcileService.Report> lastReconcile = List.of();
    private SandboxQueuePoller poller;

    void start(@Observes StartupEvent started) {
        poller = new SandboxQueuePoller(LOG, sqs, queues.stockChanges(), "stock-push", VISIBILITY_SECONDS, this::handle);
        poller.start(config.stockPush().workers(), "stock-reconcile", config.stockReconcile().seconds(), this::runReconcile);
    }

    void stop(@Observes ShutdownEvent stopping) {
        poller.stop();
    }

    /** One batch, as one Lambda invocation: the messages pushed (a failure comes back after the visibility timeout). */
    private List<Message> handle(List<Message> batch) {
        return AwsCallRecorder.asFunction("StockPushFunction", () -> push(batch));
    }

    private List<Message> push(List<Message> batch) {
        List<Message> done = new ArrayList<>();
        for (Message m : batch) {
            try {
                StockChange change = SqsStockChangePublisher.read(m.body());
                StockPushService.Report report = push.push(change.stockCodes(), change.shopChangedItself());
                handled.incrementAndGet();
                pushed.add(new Pushed(change.stockCodes(), change.reason(), report.written(), report.requests(), change.at(),
                        Instant.now()));
                done.add(m);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.infof("stock push not done this time (%s: %s); SQS delivers it again", e.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
        return done;
    }

    public synchronized List<StockReconcileService.Report> runReconcile() {
        lastReconcile = AwsCallRecorder.asFunction("StockReconcileFunction", reconcile::reconcile);
        return lastReconcile;
    }

    public void running(boolean on) {
        poller.running(on);
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("running", poller.running());
        status.put("workers", config.stockPush().workers());
        status.put("handled", handled.get());
        status.put("failed", failed.get());
        status.putAll(poller.depth());
        status.put("reconcileSeconds", config.stockReconcile().seconds());
        status.put("lastReconcile", lastReconcile);
        return status;
    }

    public List<Pushed> pushed() {
        return pushed.all();
    }
}
