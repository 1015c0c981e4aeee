package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ops.ExceptionActions.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionActionsTest {
    private final OpsFixture ops = new OpsFixture();

    private ExceptionRecord heldOrder(String number, ExceptionType type, String detail) {
        ExceptionRecord problem = ExceptionRecord.open(type, ExceptionSubject.order(number, detail), "held", "", ops.now);
        ops.exceptions.raise(problem);
        ops.orders.create(OrderLedgerEntry.received("shop", "id-" + number, number, "ev-" + number, "placed", ops.now)
                .quarantined(List.of(problem.id()), ops.now, "held"));
        return problem;
    }

    @Test
    void aRetry_queuesTheOrderAgain_andLeavesItsProblemOpen_forTheFlowToResolveOnceTheCauseIsGone() {
        ExceptionRecord problem = heldOrder("10042", ExceptionType.UNKNOWN_SKU, "SCARF-RED");

        ExceptionActions.ActionResult result = ops.exceptionActions.retry(problem.id(), "Priya");

        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(ops.events.orderIds()).containsExactly("id-10042");
        assertThat(ops.exceptions.find(problem.id()).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(ops.actions.forSubject(problem.id())).extracting(OpsAction::action).containsExactly("retry: queued");
    }

    @Test
    void aStockProblem_retriesItsStockCode_andAShopSkuProblem_theCodeItsSkuIsMappedTo() {
        ops.exceptions.raise(ExceptionRecord.openForStock(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, "", "HAT-01", "minus 2", "", ops.now));
        ops.exceptions.raise(ExceptionRecord.openForStock(ExceptionType.STOCK_PUSH_REFUSED, "", "SCARF-RED", "refused", "", ops.now));
        ops.mappings.put("SKU", "SCARF-RED", "SC-RED-01");

        assertThat(ops.exceptionActions.retry("STOCK_NEGATIVE_IN_KHAOS#HAT-01", "Priya").outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(ops.exceptionActions.retry("STOCK_PUSH_REFUSED#SCARF-RED", "Priya").outcome()).isEqualTo(Outcome.QUEUED);

        assertThat(ops.stockChanges.published).flatExtracting(c -> c.stockCodes()).containsExactly("HAT-01", "SC-RED-01");
        assertThat(ops.events.published).isEmpty();
    }

    @Test
    void aProblemNoFlowCanRunAgainFor_isNotRetryable_andNothingIsQueued() {
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other("webhook-abc"), "?", "{", ops.now));

        ExceptionActions.ActionResult result = ops.exceptionActions.retry("WEBHOOK_UNREADABLE#webhook-abc", "Priya");

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_RETRYABLE);
        assertThat(result.message()).contains("deal with it, then resolve it");
        assertThat(ops.events.published).isEmpty();
        assertThat(ops.stockChanges.published).isEmpty();
    }

    @Test
    void aResolvedProblem_isNotRunAgain_andAnUnknownOne_isNotFound() {
        ExceptionRecord problem = heldOrder("10043", ExceptionType.VAT_MISMATCH, "vat-20");
        assertThat(ops.exceptionActions.resolve(problem.id(), "fixed in Khaos", "Priya").outcome()).isEqualTo(Outcome.DONE);

        assertThat(ops.exceptionActions.retry(problem.id(), "Priya").outcome()).isEqualTo(Outcome.NOT_RETRYABLE);
        assertThat(ops.exceptionActions.retry("NOPE#x", "Priya").found()).isFalse();
        assertThat(ops.events.published).isEmpty();
        assertThat(ops.exceptions.find(problem.id()).orElseThrow().resolvedBy()).isEqualTo("Priya");
    }

    @Test
    void retryingAKind_runsEachOrderOnce_howeverManyOfItsProblemsAreOfThatKind() {
        ExceptionRecord first = heldOrder("10044", ExceptionType.UNKNOWN_SKU, "A");
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.UNKNOWN_SKU, ExceptionSubject.order("10044", "B"), "held", "", ops.now));
        heldOrder("10045", ExceptionType.UNKNOWN_SKU, "C");

        ExceptionActions.BulkResult bulk = ops.exceptionActions.retryAll(ExceptionType.UNKNOWN_SKU, "Priya");

        assertThat(bulk.queued()).isEqualTo(2);
        assertThat(ops.events.orderIds()).containsExactlyInAnyOrder("id-10044", "id-10045");
        assertThat(ops.exceptions.find(first.id()).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
    }
}
