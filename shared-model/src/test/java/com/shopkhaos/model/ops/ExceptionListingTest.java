package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ops.ExceptionListing.ContinuedPage;
import com.shopkhaos.model.ops.ExceptionListing.NumberedPage;
import com.shopkhaos.model.ops.ExceptionViews.ExceptionSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExceptionListingTest {
    private final OpsFixture ops = new OpsFixture();

    private void raise(int n, boolean resolved) {
        String id = ExceptionRecord.idFor(ExceptionType.ORDER_INVALID, ExceptionSubject.order("" + (10000 + n), "line"));
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.ORDER_INVALID, ExceptionSubject.order("" + (10000 + n), "line"),
                "bad line", "", ops.now.minusSeconds(100_000 - n)));
        if (resolved) {
            ops.exceptions.resolve(id, "Priya", ops.now.minusSeconds(50_000 - n));
        }
    }

    private ExceptionListing.ExceptionList list(String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return ops.listing.list(ExceptionQuery.parse(map));
    }

    @Test
    void openProblems_comeInNumberedPages_newestFirst_withTheirTotal() {
        for (int n = 0; n < 5; n++) {
            raise(n, false);
        }
        NumberedPage second = (NumberedPage) list("size", "2", "page", "2");

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.items()).extracting(ExceptionSummary::orderNumber).containsExactly("10002", "10001");
    }

    @Test
    void resolvedProblems_comeMostRecentlyResolvedFirst_aPageAtATime_fromTheCursor_noneMissedNoneTwice() {
        for (int n = 0; n < 120; n++) {
            raise(n, true);
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int answers = 0;
        do {
            ContinuedPage page = (ContinuedPage) (cursor.isEmpty() ? list("status", "RESOLVED", "size", "50")
                    : list("status", "RESOLVED", "size", "50", "cursor", cursor.get()));
            page.items().forEach(e -> seen.add(e.orderNumber()));
            cursor = page.next().map(ExceptionQuery.ListCursor::token);
            answers++;
        } while (cursor.isPresent());

        assertThat(answers).isEqualTo(3);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates().startsWith("10119", "10118").endsWith("10000");
        assertThat(ops.exceptions.resolvedPagesRead).isEqualTo(3);
    }

    @Test
    void aSearchOfManyResolvedProblems_readsAtMostItsBudget_andSaysWhereToCarryOn() {
        for (int n = 0; n < 2_500; n++) {
            raise(n, true);
        }
        ContinuedPage first = (ContinuedPage) list("status", "RESOLVED", "q", "10000", "size", "10");

        assertThat(first.items()).isEmpty();
        assertThat(first.next()).isPresent();
        assertThat(ops.exceptions.resolvedPagesRead).isEqualTo(ExceptionListing.RESOLVED_READ_BUDGET / 10);

        ContinuedPage third = (ContinuedPage) list("status", "RESOLVED", "q", "10000", "size", "10",
                "cursor", ((ContinuedPage) list("status", "RESOLVED", "q", "10000", "size", "10", "cursor",
                        first.next().orElseThrow().token())).next().orElseThrow().token());
        assertThat(third.items()).extracting(ExceptionSummary::orderNumber).containsExactly("10000");
        assertThat(third.next()).isEmpty();
    }

    @Test
    void allProblems_listTheOpenOnesFirst_thenTheResolvedOnes() {
        raise(1, false);
        raise(2, true);
        raise(3, false);

        ContinuedPage first = (ContinuedPage) list("status", "ALL", "size", "2");
        ContinuedPage rest = (ContinuedPage) list("status", "ALL", "size", "2", "cursor", first.next().orElseThrow().token());

        assertThat(first.items()).extracting(ExceptionSummary::orderNumber).containsExactly("10003", "10001");
        assertThat(rest.items()).extracting(ExceptionSummary::orderNumber).containsExactly("10002");
        assertThat(rest.next()).isEmpty();
    }

    @Test
    void aCursorForOpenProblems_orAPageNumberForResolvedOnes_isRefusedSayingWhich() {
        assertThatThrownBy(() -> list("cursor", "r")).isInstanceOf(ExceptionQuery.BadQueryException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> list("status", "RESOLVED", "page", "2")).isInstanceOf(ExceptionQuery.BadQueryException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> list("status", "ALL", "cursor", "x1")).isInstanceOf(ExceptionQuery.BadQueryException.class);
    }

    @Test
    void oneProblem_showsItsOrder_andWhatPeopleDid() {
        raise(7, false);
        String id = "ORDER_INVALID#10007:line";
        ops.exceptionActions.resolve(id, "called the customer", "Priya");

        ExceptionListing.ExceptionDetail detail = ops.listing.exception(id).orElseThrow();

        assertThat(detail.exception().orderNumber()).isEqualTo("10007");
        assertThat(detail.actions()).extracting(OpsAction::note).containsExactly("called the customer");
    }
}
