package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MappingKind;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    @Test
    void resolvedProblems_areReadNewestResolvedFirst_aPageAtATime_andTheCursorCarriesOn() {
        Instant far = Instant.parse("2199-01-01T00:00:00Z").plusSeconds(new Random().nextInt(1_000_000) * 10L);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            ExceptionRecord problem = ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other(subject()), "r", "", t0);
            adapters.exceptions.raise(problem);
            adapters.exceptions.resolve(problem.id(), "ops", far.plusSeconds(n));
            ids.add(0, problem.id());
        }
        ExceptionLedger.ResolvedPage first = adapters.exceptions.resolvedNewestFirst(Optional.empty(), 2);
        ExceptionLedger.ResolvedPage second = adapters.exceptions.resolvedNewestFirst(first.next(), 1);

        assertThat(first.items()).extracting(ExceptionRecord::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(second.items()).extracting(ExceptionRecord::id).containsExactly(ids.get(2));
        assertThat(first.items()).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExceptionStatus.RESOLVED));
        assertThatThrownBy(() -> adapters.exceptions.resolvedNewestFirst(Optional.of("not-a-cursor"), 1))
                .isInstanceOf(ExceptionLedger.BadCursorException.class);
    }

    @Test
    void whatAProblemIsAbout_andTheMappingThatCuresIt_areKeptTyped() {
        String number = "T" + UUID.randomUUID();
        ExceptionRecord problem = ExceptionRecord.open(ExceptionType.UNMAPPED_DELIVERY_METHOD, ExceptionSubject.order(number, "delivery-x:y"),
                "no courier", "", t0).curedBy(MissingMapping.of(MappingKind.COURIER, "x:y", "Courier X"));
        adapters.exceptions.raise(problem);

        ExceptionRecord stored = adapters.exceptions.find(problem.id()).orElseThrow();
        assertThat(stored.about()).isEqualTo(ExceptionSubject.order(number, "delivery-x:y"));
        assertThat(stored.missingMapping()).contains(MissingMapping.of(MappingKind.COURIER, "x:y", "Courier X"));
    }

    @Test
    void aRecordWrittenBeforeSubjectsWereTyped_isReadByTheRulesItsSubjectWasBuiltBy() {
        String number = "L" + UUID.randomUUID();
        String id = "UNKNOWN_SKU#" + number + ":SCARF-RED";
        adapters.cloud.dynamoDb().putItem(b -> b.tableName(adapters.env.get("EXCEPTIONS_TABLE")).item(Map.of(
                "id", AttributeValue.fromS(id), "type", AttributeValue.fromS("UNKNOWN_SKU"),
                "subject", AttributeValue.fromS(number + ":SCARF-RED"), "status", AttributeValue.fromS("OPEN"),
                "reason", AttributeValue.fromS("no stock code"), "suggestedAction", AttributeValue.fromS(" "),
                "createdAt", AttributeValue.fromS("2026-11-27T10:00:00.000Z"), "lastSeenAt", AttributeValue.fromS("2026-11-27T10:00:00.000Z"),
                "occurrences", AttributeValue.fromN("1"))));

        ExceptionRecord stored = adapters.exceptions.find(id).orElseThrow();
        assertThat(stored.about()).isEqualTo(ExceptionSubject.order(number, "SCARF-RED"));
        assertThat(stored.missingMapping()).contains(MissingMapping.of(MappingKind.SKU, "SCARF-RED"));
        assertThat(adapters.exceptions.listOpen(10_000)).extracting(ExceptionRecord::id).contains(id);
    }

    @Test
    void aStockProblemsShopAndSku_areKeptApart_soASkuWithAColonReadsBackWhole() {
        String sku = "MUG:" + UUID.randomUUID();
        ExceptionRecord problem = ExceptionRecord.openForStock(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, "shop1", sku,
                "closeout at zero", "", t0);
        adapters.exceptions.raise(problem);
        ExceptionRecord khaosOwn = ExceptionRecord.openForStock(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, "", "KH:" + sku, "minus 1", "", t0);
        adapters.exceptions.raise(khaosOwn);

        assertThat(adapters.exceptions.find(problem.id()).orElseThrow().about()).isEqualTo(new ExceptionSubject.ShopSku("shop1", sku));
        assertThat(adapters.exceptions.find(khaosOwn.id()).orElseThrow().about()).isEqualTo(new ExceptionSubject.StockCode("", "KH:" + sku));
    }

    @Test
    void aStockProblemWrittenBeforeItsShopWasKeptApart_isReadAtItsFirstColon() {
        String sku = "SCARF-" + UUID.randomUUID();
        String id = "STOCK_PUSH_REFUSED#shop7:" + sku;
        adapters.cloud.dynamoDb().putItem(b -> b.tableName(adapters.env.get("EXCEPTIONS_TABLE")).item(Map.of(
                "id", AttributeValue.fromS(id), "type", AttributeValue.fromS("STOCK_PUSH_REFUSED"),
                "subject", AttributeValue.fromS("shop7:" + sku), "subjectKind", AttributeValue.fromS("SHOP_SKU"),
                "status", AttributeValue.fromS("OPEN"), "reason", AttributeValue.fromS("refused"),
                "suggestedAction", AttributeValue.fromS(" "), "createdAt", AttributeValue.fromS("2026-11-27T10:00:00.000Z"),
                "lastSeenAt", AttributeValue.fromS("2026-11-27T10:00:00.000Z"), "occurrences", AttributeValue.fromN("1"))));

        assertThat(adapters.exceptions.find(id).orElseThrow().about()).isEqualTo(new ExceptionSubject.ShopSku("shop7", sku));
    }
}
