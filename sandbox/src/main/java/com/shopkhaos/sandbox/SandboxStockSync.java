package com.shopkhaos.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.queue.QueueBatch;
import com.shopkhaos.infra.queue.StockChangesHandler;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The stock-push Lambda's part in the sandbox: {@link SandboxQueuePoller} feeds {@code stock-changes} to the
 * function's own handler ({@link StockChangesHandler}) as Lambda's event source mapping would, and the full reconcile
 * runs on a timer.
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
    StockChangesHandler stockChanges;

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

    /** One batch, as one Lambda invocation: the records pushed (a failure comes back after the visibility timeout). */
    private List<SQSMessage> handle(SQSEvent batch) {
        QueueBatch<StockChange, StockPushService.Report> done = AwsCallRecorder.asFunction("StockPushFunction",
                () -> stockChanges.handle(batch));
        // the changes pushed together share one report: one entry per push, with their codes and reasons
        Map<StockPushService.Report, List<StockChange>> byPush = new IdentityHashMap<>();
        List<StockPushService.Report> inOrder = new ArrayList<>();
        for (QueueBatch.Item<StockChange, StockPushService.Report> item : done.items()) {
            if (item.failed()) {
                failed.incrementAndGet();
                continue;
            }
            handled.incrementAndGet();
            byPush.computeIfAbsent(item.result().orElseThrow(), r -> {
                inOrder.add(r);
                return new ArrayList<>();
            }).add(item.message().orElseThrow());
        }
        Instant now = Instant.now();
        for (StockPushService.Report report : inOrder) {
            List<StockChange> changes = byPush.get(report);
            pushed.add(new Pushed(changes.stream().flatMap(c -> c.stockCodes().stream()).distinct().toList(),
                    String.join("; ", changes.stream().map(StockChange::reason).distinct().toList()), report.written(),
                    report.requests(), changes.stream().map(StockChange::at).min(Instant::compareTo).orElseThrow(), now));
        }
        return done.handled();
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
