package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Waiting on a condition the sandbox shows, never on the clock: the one place the ITs poll. A wait that ends proves the
 * condition held; one that does not fails with what was last seen. Before a test says something did not happen it
 * waits here for the consumer to have demonstrably handled the input ({@link #orderEventsHandled}, {@link #khaosPolledAfter}).
 */
final class Await {
    private static final Duration EVERY = Duration.ofMillis(100);

    /** A reading of the sandbox (an HTTP call, usually). */
    interface Probe<T> {
        T read() throws Exception;
    }

    private Await() {
    }

    /** Reads until {@code done} holds, and answers that reading; fails naming {@code what} after {@code within}. */
    static <T> T until(String what, Duration within, Probe<T> probe, Predicate<? super T> done) throws Exception {
        return until(what, within, EVERY, probe, done);
    }

    /** As {@link #until(String, Duration, Probe, Predicate)}, reading every {@code every} (finer for a measured latency). */
    static <T> T until(String what, Duration within, Duration every, Probe<T> probe, Predicate<? super T> done) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            T last = probe.read();
            if (done.test(last)) {
                return last;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            Thread.sleep(every.toMillis());
        }
    }

    /**
     * Order-sync has handled every {@code order-events} message sent so far: none waiting, none taken and not yet deleted,
     * seen twice in a row (a worker's receive and its delete are not one step for SQS's counters).
     */
    static JsonNode orderEventsHandled(RunningSandbox sandbox) throws Exception {
        int[] quiet = {0};
        return until("order-events drained by order-sync", Duration.ofSeconds(30), () -> sandbox.json("GET", "/sandbox/order-sync", null),
                s -> (quiet[0] = s.path("queued").asInt(-1) == 0 && s.path("inProgress").asInt(-1) == 0 ? quiet[0] + 1 : 0) >= 2);
    }

    /**
     * The simulated Khaos has nothing left to push (delayed and duplicate pushes included) and the consumer's queue
     * ({@code "despatch"} or {@code "stock"}: {@code GET /sandbox/{consumer}}) is drained, nothing in flight, twice in a row:
     * every push Khaos made was handled.
     */
    static void khaosPushesHandled(RunningSandbox sandbox, String consumer, Duration within) throws Exception {
        int[] quiet = {0};
        until("Khaos idle and " + consumer + "'s queue drained", within, () -> {
            boolean idle = sandbox.json("GET", "/khaos-sim/_control/pushes", null).path("idle").asBoolean();
            JsonNode status = sandbox.json("GET", "/sandbox/" + consumer, null);
            return idle && status.path("queued").asInt(-1) == 0 && status.path("inProgress").asInt(-1) == 0;
        }, drained -> (quiet[0] = drained ? quiet[0] + 1 : 0) >= 2);
    }

    /**
     * The simulated Khaos has nothing left to push, three times in a row (a generator pushes in rounds): every push it made
     * was answered, and the channel answers once stored.
     */
    static void khaosIdle(RunningSandbox sandbox, Duration patience) throws Exception {
        int[] quiet = {0};
        until("the simulated Khaos to finish pushing", patience, Duration.ofMillis(300),
                () -> sandbox.json("GET", "/khaos-sim/_control/pushes", null).path("idle").asBoolean(),
                idle -> (quiet[0] = idle ? quiet[0] + 1 : 0) >= 3);
    }

    /** When the simulated Khaos's last order download began (empty before its first). */
    static String lastKhaosPoll(RunningSandbox sandbox) throws Exception {
        return sandbox.json("GET", "/khaos-sim/_control", null).path("lastPoll").path("at").asText("");
    }

    /**
     * The simulated Khaos has finished {@code polls} more order downloads than the one {@code since} names (an {@code at} of
     * {@link #lastKhaosPoll}, or "" for none). The first may have been under way already; from two on, one began after
     * this call, so whatever our channel offered by then Khaos has downloaded.
     */
    static void khaosPolledAfter(RunningSandbox sandbox, String since, int polls) throws Exception {
        String[] seen = {since};
        int[] count = {0};
        until(polls + " Khaos order downloads after " + since, Duration.ofSeconds(30), () -> lastKhaosPoll(sandbox), at -> {
            if (!at.isEmpty() && !at.equals(seen[0]) && (seen[0].isEmpty() || Instant.parse(at).isAfter(Instant.parse(seen[0])))) {
                seen[0] = at;
                count[0]++;
            }
            return count[0] >= polls;
        });
    }
}
