package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoExceptionLedgerTest {
    private final Adapters adapters = new Adapters();
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    private static String subject() {
        return "webhook-" + UUID.randomUUID();
    }

    @Test
    void raise_twice_keepsOneRecord_andCountsTheRepeat() {
        String subject = subject();
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(subject), "first", "{x", t0));
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(subject), "second", "{y", t0.plusSeconds(60)));

        ExceptionRecord stored = adapters.exceptions.find(ExceptionRecord.idFor(ExceptionType.WEBHOOK_UNREADABLE, subject)).orElseThrow();
        assertThat(stored.occurrences()).isEqualTo(2);
        assertThat(stored.createdAt()).isEqualTo(t0);
        assertThat(stored.lastSeenAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(stored.reason()).isEqualTo("second");
        assertThat(stored.evidence()).isEqualTo("{y");
        assertThat(stored.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(stored.suggestedAction()).isEqualTo(ExceptionType.WEBHOOK_UNREADABLE.suggestedAction());
    }

    @Test
    void resolvedProblem_opensAgain_whenItComesBack() {
        String subject = subject();
        String id = ExceptionRecord.idFor(ExceptionType.WEBHOOK_WITHOUT_EVENT_ID, subject);
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_WITHOUT_EVENT_ID, ExceptionSubject.other(subject), "r", "", t0));
        assertThat(adapters.exceptions.resolve(id, "ops@shop", t0.plusSeconds(10))).isTrue();
        assertThat(adapters.exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(adapters.exceptions.find(id).orElseThrow().resolvedBy()).isEqualTo("ops@shop");

        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_WITHOUT_EVENT_ID, ExceptionSubject.other(subject), "again", "", t0.plusSeconds(20)));
        ExceptionRecord reopened = adapters.exceptions.find(id).orElseThrow();
        assertThat(reopened.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.occurrences()).isEqualTo(2);
    }

    @Test
    void resolve_answersFalse_forAnUnknownId() {
        assertThat(adapters.exceptions.resolve("WEBHOOK_UNREADABLE#nope-" + UUID.randomUUID(), "ops", t0)).isFalse();
    }

    @Test
    void evidenceUpToTheWebhookLimit_isKeptWhole() {
        StringBuilder body = new StringBuilder("{\"data\":[");
        Random random = new Random(7);
        while (body.length() < 1_000_000) {
            body.append("{\"sku\":\"SKU-").append(random.nextInt(100000)).append("\",\"qty\":").append(random.nextInt(9)).append("},");
        }
        String evidence = body.toString();
        String subject = subject();
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(subject), "big", evidence, t0));
        assertThat(adapters.exceptions.find(ExceptionRecord.idFor(ExceptionType.WEBHOOK_UNREADABLE, subject))
                .orElseThrow().evidence()).isEqualTo(evidence);
    }

    @Test
    void listOpen_showsOpenProblems_newestFirst() {
        Instant later = Instant.parse("2099-01-01T00:00:00Z");
        String older = subject();
        String newer = subject();
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(older), "a", "", later));
        adapters.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(newer), "b", "", later.plusSeconds(1)));
        assertThat(adapters.exceptions.listOpen(2)).extracting(ExceptionRecord::subject).containsExactly(newer, older);
    }
}
