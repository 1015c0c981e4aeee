package com.shopkhaos.model.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadAgainOnConflictTest {
    private static final Instant T = Instant.parse("2026-12-05T09:00:00Z");
    private static final String ORDER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();

    private OrderLedgerEntry stored() {
        return ledger.entries.get(ORDER);
    }

    private void anotherWriterNotes(String what) {
        ledger.entries.computeIfPresent(ORDER, (id, e) -> e.noted(what, "", T));
    }

    private void received() {
        ledger.create(OrderLedgerEntry.received("shop1", ORDER, "10001", "e-1", "checkout.order.placed", T));
    }

    @Test
    void aChangeThatLostToAnotherWriter_isDecidedAgainOnWhatIsStoredNow_andKeepsBothChanges() {
        received();
        long before = stored().version();
        ledger.beforeNextUpdate = () -> anotherWriterNotes("Khaos despatched");

        ledger.change(ORDER, e -> e.noted("ops note", "", T));

        assertThat(stored().version()).isEqualTo(before + 2);
        assertThat(stored().timeline().toString()).contains("Khaos despatched").contains("ops note");
        assertThat(ledger.updates).as("one lost write, one that landed").isEqualTo(2);
    }

    @Test
    void aChangeThatKeepsLosing_isThrownAfterTheLastAttempt_neverDroppedSilently() {
        received();
        ledger.beforeEveryUpdate = () -> anotherWriterNotes("someone else, again");

        assertThatThrownBy(() -> ledger.change(ORDER, e -> e.noted("ops note", "", T)))
                .isInstanceOf(LedgerVersionConflictException.class);

        assertThat(ledger.updates).isEqualTo(ReadAgainOnConflict.ATTEMPTS);
        assertThat(stored().timeline().toString()).doesNotContain("ops note");
    }

    @Test
    void aChangeOfAnOrderTheLedgerDoesNotHave_createsNothing() {
        ledger.change(ORDER, e -> e.noted("ops note", "", T));

        assertThat(ledger.entries).isEmpty();
        assertThat(ledger.updates).isZero();
    }

    @Test
    void whatTheAttemptAnswers_isAnsweredOnceItLands() {
        int[] tries = {0};
        String answer = ReadAgainOnConflict.run(() -> {
            if (++tries[0] < 3) {
                throw new LedgerVersionConflictException(ORDER, tries[0]);
            }
            return "landed on try " + tries[0];
        });

        assertThat(answer).isEqualTo("landed on try 3");
    }
}
