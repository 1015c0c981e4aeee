package com.shopkhaos.simulators.khaos;

import com.shopkhaos.simulators.sim.RecentLog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * KCC's pushes to the channel (StockUpload, StockStatusUpload, OrderStatusUpload), with Basic auth. Anything but a
 * 200 is sent again later (the spec: "Error codes will make the API try again"): after 1, 2, 4 … s (at most 60 s,
 * scaled by {@code retryDelayScale}). The spec is silent on how often and in what order, so both are settings:
 * {@code pushGiveUpAfter} tries before KCC drops a push (10; 0 = never), and {@code pushOrder}: {@code fifo} (one at
 * a time in the order queued; a push that failed waits its back-off while later ones go first), {@code head-of-line}
 * (one at a time; a push that failed holds every later one until it is answered 200 or dropped) or {@code parallel}
 * (up to {@value #PARALLEL} in flight at once, so a later push can land before an earlier one).
 */
final class KccPushes implements AutoCloseable {
    static final int MAX_ATTEMPTS = 10;
    static final int PARALLEL = 4;
    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 60_000;
    private static final int LOG_LIMIT = 2_000;

    /** One HTTP attempt of a push, for the log. */
    record Attempt(long pushId, String kind, String url, int attempt, int status, String outcome, String error, int bytes,
                   Instant at) {
        ObjectNode toJson() {
            return SimJson.object().put("pushId", pushId).put("kind", kind).put("url", url).put("attempt", attempt)
                    .put("status", status).put("outcome", outcome).put("error", error).put("bytes", bytes)
                    .put("at", at.toString());
        }
    }

    private record Push(long id, String kind, String url, String body, Delivered delivered) {
    }

    /**
     * Told when the channel answered a push 200 (it stored it), with the push's place in the order KCC sent its
     * requests: with pushes in parallel the one sent last, not the one answered last, is what the channel keeps.
     */
    interface Delivered {
        void delivered(long sentAs);

        Delivered NOBODY = sentAs -> {
        };
    }

    /** In what order KCC sends its pushes. */
    enum Order implements SettingChoice {
        FIFO("fifo"), HEAD_OF_LINE("head-of-line"), PARALLEL("parallel");

        private final String setting;

        Order(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "khaos-sim-pushes");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService parallelWorkers = Executors.newScheduledThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "khaos-sim-pushes-parallel");
        t.setDaemon(true);
        return t;
    });
    private final ChannelLogin login;
    private final KccFaults faults;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sends = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final RecentLog<Attempt> log = new RecentLog<>(LOG_LIMIT);
    private volatile double retryDelayScale = 1.0;
    private volatile long timeoutMs = 30_000;
    private volatile int giveUpAfter = MAX_ATTEMPTS;
    private volatile Order order = Order.FIFO;

    KccPushes(ChannelLogin login, KccFaults faults, Clock clock) {
        this.login = login;
        this.faults = faults;
        this.clock = clock;
    }

    void retryDelayScale(double scale) {
        this.retryDelayScale = scale;
    }

    double retryDelayScale() {
        return retryDelayScale;
    }

    void timeoutMs(long ms) {
        this.timeoutMs = ms;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Tries before a push is dropped; 0 = never. */
    void giveUpAfter(int tries) {
        if (tries < 0) {
            throw new IllegalArgumentException("pushGiveUpAfter must be 0 (never) or more tries, was " + tries);
        }
        this.giveUpAfter = tries;
    }

    int giveUpAfter() {
        return giveUpAfter;
    }

    void order(Order order) {
        this.order = order;
    }

    Order order() {
        return order;
    }

    /** Runs {@code task} after {@code delayMs} on the push worker (KCC gathering statuses into one post). */
    void later(Runnable task, long delayMs) {
        worker.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Queues a push; a fault may hold it back so later pushes overtake it. */
    void push(String kind, String url, String body) {
        push(kind, url, body, Delivered.NOBODY);
    }

    /** Queues a push; {@code delivered} hears of each send the channel answers 200. */
    void push(String kind, String url, String body, Delivered delivered) {
        Push push = new Push(ids.incrementAndGet(), kind, url, body, delivered);
        pending.incrementAndGet();
        KccFaults.Settings f = faults.settings();
        long delay = faults.roll(f.pushOutOfOrderRate()) ? f.pushOutOfOrderDelayMs() : 0;
        switch (order) {
            case PARALLEL -> parallelWorkers.schedule(() -> attempt(push, 1, parallelWorkers), delay, TimeUnit.MILLISECONDS);
            case HEAD_OF_LINE -> worker.schedule(() -> untilAnsweredOrDropped(push), delay, TimeUnit.MILLISECONDS);
            default -> worker.schedule(() -> attempt(push, 1, worker), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Head of line: this push's tries and back-offs all happen before the worker takes the next push. */
    private void untilAnsweredOrDropped(Push push) {
        for (int attempt = 1; ; attempt++) {
            if (once(push, attempt)) {
                return;
            }
            try {
                Thread.sleep(backOff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** No push waiting or being retried. */
    boolean idle() {
        return pending.get() == 0;
    }

    private void attempt(Push push, int attempt, ScheduledExecutorService on) {
        if (!once(push, attempt)) {
            on.schedule(() -> attempt(push, attempt + 1, on), backOff(attempt), TimeUnit.MILLISECONDS);
        }
    }

    private long backOff(int attempt) {
        return Math.round(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt - 1, 16)) * retryDelayScale);
    }

    /** One try; true when the push is done with (answered 200, or dropped after its last try). */
    private boolean once(Push push, int attempt) {
        KccFaults.Settings f = faults.settings();
        if (f.pushLatencyMs() > 0) {
            try {
                Thread.sleep(f.pushLatencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        int status = send(push, attempt, faults.roll(f.pushTimeoutRate()));
        if (status == 200) {
            if (faults.roll(f.pushDuplicateRate())) {
                send(push, attempt, false);
            }
            pending.decrementAndGet();
            return true;
        }
        int tries = giveUpAfter;
        if (tries > 0 && attempt >= tries) {
            record(new Attempt(push.id(), push.kind(), push.url(), attempt, status, "gave-up", "no 200 after "
                    + tries + " tries", push.body().length(), clock.instant()));
            pending.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Sends once; answers the status, or 0 when KCC got none it accepts (refused, timed out, abandoned by a fault). */
    private int send(Push push, int attempt, boolean abandon) {
        int status = 0;
        String error = null;
        long sentAs = sends.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(push.url()))
                    .timeout(Duration.ofMillis(timeoutMs))
                    .header("Authorization", login.basicAuthorization())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status == 200) {
                push.delivered().delivered(sentAs);
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        String outcome = abandon ? "abandoned" : status == 200 ? "success" : "retrying";
        if (abandon) {
            error = "fault: KCC stopped waiting for the answer";
        }
        record(new Attempt(push.id(), push.kind(), push.url(), attempt, status, outcome, error, push.body().length(),
                clock.instant()));
        return abandon ? 0 : status;
    }

    private void record(Attempt attempt) {
        log.add(attempt);
    }

    List<Attempt> attempts() {
        return log.all();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        parallelWorkers.shutdownNow();
    }
}
