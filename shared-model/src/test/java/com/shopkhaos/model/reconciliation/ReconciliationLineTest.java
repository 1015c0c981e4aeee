package com.shopkhaos.model.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A line's reason and who acts on it: a finding settled in Khaos never hides one a person must act on. */
class ReconciliationLineTest {

    private static ReconciliationLine line(ReconciliationLine.Finding... findings) {
        return new ReconciliationLine("10042", "o42", "GBP", BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, List.of(findings),
                new ReconciliationLine.Facts(Instant.parse("2026-12-04T10:00:00Z"), "web-uk", "Card", BigDecimal.ONE, BigDecimal.TEN,
                        List.of(), "SO10042", "DESPATCHED"), List.of());
    }

    private static final ReconciliationLine.Finding SETTLED_REFUND = new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP,
            "refunded in full: 10", Optional.of(BigDecimal.TEN), "Khaos took customer return 10042-R1, its credit for the refund");

    @Test
    void aSettledRefundAlongsideAShipmentNotWrittenBack_isReportedUnderTheShipment_forThePersonWhoActsOnIt() {
        ReconciliationLine both = line(SETTLED_REFUND, new ReconciliationLine.Finding(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK,
                "Khaos despatched SO10042", Optional.empty()));

        assertThat(both.reason()).isEqualTo(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK);
        assertThat(both.needsAPerson()).isTrue();
        assertThat(both.whoActs()).isEqualTo(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK.whoActs());
        assertThat(both.describe()).contains("settled: Khaos took customer return 10042-R1");
    }

    @Test
    void aSettledRefundAlone_isStillTheRefund_withNobodyToAct() {
        ReconciliationLine settled = line(SETTLED_REFUND);

        assertThat(settled.reason()).isEqualTo(ReconciliationReason.REFUNDED_IN_SHOP);
        assertThat(settled.needsAPerson()).isFalse();
        assertThat(settled.whoActs()).isEqualTo("nobody: Khaos took customer return 10042-R1, its credit for the refund");
        assertThat(line().reason()).isEqualTo(ReconciliationReason.OK);
    }
}
