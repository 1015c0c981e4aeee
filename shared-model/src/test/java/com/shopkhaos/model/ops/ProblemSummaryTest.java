package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProblemSummaryTest {
    private final OpsFixture ops = new OpsFixture();

    private void raise(String number, Instant at, Instant resolvedAt) {
        ExceptionRecord problem = ExceptionRecord.open(ExceptionType.VAT_MISMATCH, ExceptionSubject.order(number, "vat-20"), "", "", at);
        ops.exceptions.raise(problem);
        if (resolvedAt != null) {
            ops.exceptions.resolve(problem.id(), "Priya", resolvedAt);
        }
    }

    @Test
    void openProblemsPerKind_andNewOnesPerDay_countOpenAndResolved_withoutReadingResolutionsOlderThanTheWindow() {
        Instant today = ops.now.minus(Duration.ofHours(2));
        raise("1", today, null);
        raise("2", today, ops.now.minus(Duration.ofHours(1)));
        raise("3", ops.now.minus(Duration.ofDays(3)), null);
        for (int n = 0; n < 2_000; n++) {
            raise("old-" + n, ops.now.minus(Duration.ofDays(60)), ops.now.minus(Duration.ofDays(40)));
        }

        ProblemSummary.Summary summary = ops.summary.summary();

        assertThat(summary.open()).isEqualTo(2);
        assertThat(summary.openByKind().get("VAT_MISMATCH").oldestHours()).isEqualTo(72);
        assertThat(summary.newPerDay()).hasSize(14).containsEntry("2026-11-27", 2).containsEntry("2026-11-24", 1);
        assertThat(ops.exceptions.resolvedPagesRead).isEqualTo(1);
    }
}
