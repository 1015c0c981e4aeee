package com.shopkhaos.model.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.InMemoryDownloadPages;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.TimelineEntry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Returns served to Khaos's CReturnDownload: paged, served until acknowledged, never under another reference. */
class KhaosReturnFeedTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final InMemoryCustomerReturns returns = new InMemoryCustomerReturns();
    private final InMemoryDownloadPages pages = new InMemoryDownloadPages();
    private final KhaosReturnFeed feed = new KhaosReturnFeed(returns, pages, 2, Clock.fixed(NOW, ZoneOffset.UTC));

    private CustomerReturn add(String orderNumber, int sequence, int minutesAgo) {
        CustomerReturn r = CustomerReturn.ready("shop1", "order-" + orderNumber, orderNumber, sequence, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine("line-1", "MUG-BLUE", BigDecimal.ONE)), "SMIT0001", "5", NOW.minusSeconds(60L * minutesAgo));
        assertThat(returns.add(r)).isTrue();
        return r;
    }

    private static List<String> refs(KhaosReturnFeed.Download download) {
        return download.returns().stream().map(CustomerReturn::associatedRef).toList();
    }

    @Test
    void returnsAreServedOldestFirstInPages_andEachPagesContinuationAcknowledgesIt() {
        add("10001", 1, 30);
        add("10002", 1, 20);
        add("10003", 1, 10);

        KhaosReturnFeed.Download first = feed.next(Optional.of("2026-12-06 09:00:00Z"));
        assertThat(refs(first)).containsExactly("10001-R1", "10002-R1");
        assertThat(first.continuation().orElseThrow()).startsWith("kr1-");
        assertThat(first.acknowledged()).as("KCC's first-contact date acknowledges nothing").isZero();

        KhaosReturnFeed.Download second = feed.next(first.continuation());
        assertThat(second.acknowledged()).isEqualTo(2);
        assertThat(refs(second)).containsExactly("10003-R1");
        assertThat(returns.find("10001-R1")).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(CustomerReturn.State.DOWNLOADED);
            assertThat(r.servedPage()).isEqualTo(first.continuation().get());
        });
        assertThat(returns.find("10003-R1")).get().extracting(CustomerReturn::state).isEqualTo(CustomerReturn.State.READY);
    }

    @Test
    void aPageNeverAcknowledged_isServedAgain_underTheSameReferences_andAnAcknowledgementCountsOnce() {
        add("10011", 1, 10);
        KhaosReturnFeed.Download lost = feed.next(Optional.empty());
        KhaosReturnFeed.Download again = feed.next(Optional.empty());
        assertThat(refs(again)).as("KCC never got the first answer").containsExactly("10011-R1");

        KhaosReturnFeed.Download acked = feed.next(again.continuation());
        assertThat(acked.acknowledged()).isEqualTo(1);
        assertThat(acked.returns()).isEmpty();
        assertThat(feed.next(again.continuation()).acknowledged()).as("the same continuation twice").isZero();
        assertThat(feed.next(lost.continuation()).acknowledged()).as("the older page's return is downloaded already").isZero();
        assertThat(returns.find("10011-R1")).get().extracting(CustomerReturn::servedPage).isEqualTo(again.continuation().get());
    }

    @Test
    void specificIds_answerExactlyTheNamedReturnsWeHold_whateverTheirState_andKeepTheCursor() {
        add("10021", 1, 10);
        add("10021", 2, 5);
        feed.next(feed.next(Optional.empty()).continuation());

        KhaosReturnFeed.Download retry = feed.specific(List.of("10021-R1", "10021-R1", "99999-R1"), Optional.of("kr1-keep"));
        assertThat(refs(retry)).containsExactly("10021-R1");
        assertThat(retry.continuation()).contains("kr1-keep");
    }

    @Test
    void aReturnNeedsLinesAndTheCustomersUrn_andOneRefIsKeptOnce() {
        add("10031", 1, 1);
        CustomerReturn same = CustomerReturn.ready("shop1", "order-10031", "10031", 1, ReturnCause.CHARGEBACK,
                List.of(new ReturnLine("line-2", "HAT-RED", BigDecimal.ONE)), "SMIT0001", "5", NOW);
        assertThat(returns.add(same)).as("never twice under one reference").isFalse();
        assertThatThrownBy(() -> CustomerReturn.ready("shop1", "o", "10032", 1, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine("l", "MUG", BigDecimal.ONE)), " ", "5", NOW)).hasMessageContaining("URN");
        assertThatThrownBy(() -> CustomerReturn.ready("shop1", "o", "10032", 1, ReturnCause.FULL_REFUND, List.of(), "U1", "5", NOW))
                .hasMessageContaining("no lines");
        assertThatThrownBy(() -> new KhaosReturnFeed(returns, pages, 0, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void khaosTakingARefundsReturn_saysSoOnTheOrdersTimeline_andSettlesItsRefundProblem() {
        InMemoryOrderLedger ledger = new InMemoryOrderLedger();
        InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
        KhaosReturnFeed withLedgers = new KhaosReturnFeed(returns, ledger, exceptions, pages, 2, Clock.fixed(NOW, ZoneOffset.UTC));
        ledger.create(OrderLedgerEntry.received("shop1", "order-10021", "10021", "evt-1", "checkout.order.placed", NOW));
        exceptions.raise(ExceptionRecord.open(ExceptionType.REFUNDED_IN_SHOP, ExceptionSubject.order("10021"), "refunded in full", "sig", NOW));
        add("10021", 1, 5);

        KhaosReturnFeed.Download served = withLedgers.next(Optional.empty());
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10021")).get().extracting(ExceptionRecord::status)
                .as("served is not taken").isEqualTo(ExceptionStatus.OPEN);
        withLedgers.next(served.continuation());

        assertThat(ledger.find("order-10021").orElseThrow().timeline()).extracting(TimelineEntry::event)
                .containsSubsequence("return served to Khaos", "return taken by Khaos").containsOnlyOnce("return taken by Khaos");
        assertThat(exceptions.of(ExceptionType.REFUNDED_IN_SHOP, "10021")).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExceptionStatus.RESOLVED);
            assertThat(e.resolvedBy()).isEqualTo(KhaosReturnFeed.SETTLED_BY + "10021-R1");
        });
    }

    @Test
    void aReturnKhaossFormCannotBeWrittenFor_isSetAsideForAPersonOnceAndNeverSent_andTheReturnsBehindItStillFillThePage() {
        InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
        KhaosReturnFeed withLedgers = new KhaosReturnFeed(returns, new InMemoryOrderLedger(), exceptions, pages, 2,
                Clock.fixed(NOW, ZoneOffset.UTC));
        add("10041", 1, 40);
        add("10042", 1, 30);
        add("10043", 1, 20);
        add("10044", 1, 10);
        ReturnForms brokenFor41And42 = candidates -> {
            java.util.Map<String, String> unwritable = new java.util.HashMap<>();
            candidates.stream().filter(r -> r.orderNumber().equals("10041") || r.orderNumber().equals("10042"))
                    .forEach(r -> unwritable.put(r.associatedRef(), "the sales order sent for " + r.orderNumber() + " cannot be read"));
            return unwritable;
        };

        KhaosReturnFeed.Download first = withLedgers.next(Optional.empty(), brokenFor41And42);

        assertThat(refs(first)).as("the two behind the unwritable ones").containsExactly("10043-R1", "10044-R1");
        assertThat(exceptions.of(ExceptionType.RETURN_NOT_SENT, ExceptionSubject.order("10041", "10041-R1"))).get()
                .satisfies(e -> assertThat(e.reason()).contains("10041-R1").contains("cannot be read"));
        KhaosReturnFeed.Download second = withLedgers.next(first.continuation(), brokenFor41And42);
        assertThat(refs(second)).isEmpty();
        assertThat(returns.find("10041-R1")).get().as("never acknowledged, so never lost").extracting(CustomerReturn::state)
                .isEqualTo(CustomerReturn.State.READY);
        assertThat(exceptions.raised).extracting(ExceptionRecord::type).as("once each")
                .containsExactly(ExceptionType.RETURN_NOT_SENT, ExceptionType.RETURN_NOT_SENT);
        add("10045", 1, 5);
        assertThat(refs(withLedgers.next(Optional.empty(), ReturnForms.NONE)))
                .as("never sent once put to a person, who books it by hand, even were it writable now").containsExactly("10045-R1");
        assertThat(exceptions.raised).hasSize(2);
    }
}
