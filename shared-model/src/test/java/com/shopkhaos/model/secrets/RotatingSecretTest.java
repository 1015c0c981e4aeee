package com.shopkhaos.model.secrets;

import com.shopkhaos.model.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The rotation policy on a clock the test moves: no sleeping, every read counted. */
class RotatingSecretTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final AtomicReference<String> stored = new AtomicReference<>("old-password");
    private final AtomicInteger reads = new AtomicInteger();
    private final RotatingSecret<String> secret = new RotatingSecret<>("the test secret", () -> {
        reads.incrementAndGet();
        return stored.get();
    }, Duration.ofMinutes(5), clock);

    @Test
    void value_isReadOnce_thenAgainOnlyAfterTheTtl() {
        assertThat(secret.current()).isEqualTo("old-password");
        stored.set("new-password");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(secret.current()).isEqualTo("old-password");
        assertThat(reads).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(secret.current()).isEqualTo("new-password");
        assertThat(reads).hasValue(2);
    }

    @Test
    void rotatedValue_isAdmittedAtOnce_byOneForcedRead() {
        secret.current();
        stored.set("new-password");

        assertThat(secret.admitting("new-password"::equals)).contains("new-password");
        assertThat(reads).hasValue(2);
        // the old one is refused from now on, without a further read
        assertThat(secret.admitting("old-password"::equals)).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void stormOfBadRequests_costsOneReadAMinute() {
        secret.current();
        for (int i = 0; i < 10_000; i++) {
            String guess = "guess-" + i;
            assertThat(secret.admitting(guess::equals)).isEmpty();
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(500));
            }
        }
        // 10,000 bad requests over 50 seconds: the first forced a read, the rest found the minute not yet over
        assertThat(reads).hasValue(2);

        clock.advance(Duration.ofSeconds(10));
        assertThat(secret.admitting("another-guess"::equals)).isEmpty();
        assertThat(reads).hasValue(3);
    }

    @Test
    void concurrentStorm_stillOneRead() throws Exception {
        secret.current();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                String guess = "guess-" + i;
                answers.add(pool.submit(() -> secret.admitting(guess::equals).isPresent()));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reads).hasValue(2);
    }

    @Test
    void rotationDuringAStorm_isSeenByTheTtl_whenTheForcedReadWasSpent() {
        secret.current();
        assertThat(secret.admitting("guess"::equals)).isEmpty();
        stored.set("new-password");
        clock.advance(Duration.ofSeconds(30));
        assertThat(secret.admitting("new-password"::equals)).as("forced read spent 30 s ago").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(secret.admitting("new-password"::equals)).contains("new-password");
        assertThat(reads).hasValue(3);
    }

    @Test
    void failedRead_keepsTheHeldValue_andTriesAgainAfterAMinute() {
        secret.current();
        RuntimeException outage = new IllegalStateException("secrets store unavailable");
        RotatingSecret<String> flaky = new RotatingSecret<>("flaky", () -> {
            int n = reads.incrementAndGet();
            if (n == 3) {
                throw outage;
            }
            return n < 3 ? "old-password" : "new-password";
        }, Duration.ofMinutes(5), clock);
        reads.set(0);
        assertThat(flaky.current()).isEqualTo("old-password");
        clock.advance(Duration.ofMinutes(5));
        assertThat(flaky.current()).isEqualTo("old-password");
        assertThat(reads).hasValue(2);
        clock.advance(Duration.ofMinutes(5));
        assertThat(flaky.current()).as("the read fails: the held value is kept").isEqualTo("old-password");
        assertThat(reads).hasValue(3);
        clock.advance(Duration.ofSeconds(59));
        assertThat(flaky.current()).isEqualTo("old-password");
        assertThat(reads).hasValue(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(flaky.current()).isEqualTo("new-password");
    }

    @Test
    void firstRead_failing_fails() {
        RotatingSecret<String> missing = new RotatingSecret<>("missing", () -> {
            throw new IllegalStateException("no such secret");
        }, Duration.ofMinutes(5), clock);
        assertThatThrownBy(missing::current).hasMessage("no such secret");
    }

    @Test
    void toString_hidesTheValue() {
        secret.current();
        assertThat(secret.toString()).doesNotContain("old-password");
        assertThat(RotatingSecret.fixed("s3cret").toString()).doesNotContain("s3cret");
    }
}
