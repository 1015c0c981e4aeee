package com.shopkhaos.model.reconciliation;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One order in the night's reconciliation: the shop's total now, what Khaos was sent, and every finding (none: the
 * order agrees). Amounts in the order's currency.
 *
 * @param sentGross the total Khaos was sent; zero when it was never sent
 */
public record ReconciliationLine(String orderNumber, String orderId, String currency, BigDecimal shopGross, BigDecimal sentGross,
                                 List<Finding> findings) {

    /**
     * One reason the order differs, in words finance can act on.
     *
     * @param amount the money concerned where it is known (a refund's amount, a changed total's difference)
     */
    public record Finding(ReconciliationReason reason, String detail, Optional<BigDecimal> amount) {
        public Finding {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
            amount = amount == null ? Optional.empty() : amount;
        }
    }

    public ReconciliationLine {
        Objects.requireNonNull(shopGross, "shopGross");
        sentGross = sentGross == null ? BigDecimal.ZERO : sentGross;
        findings = findings.stream().sorted(Comparator.comparing(Finding::reason)).toList();
    }

    /** The most pressing reason ({@link ReconciliationReason#OK} when nothing was found). */
    public ReconciliationReason reason() {
        return findings.isEmpty() ? ReconciliationReason.OK : findings.get(0).reason();
    }

    /** The shop's total less what Khaos was sent. */
    public BigDecimal difference() {
        return shopGross.subtract(sentGross);
    }

    public boolean has(ReconciliationReason reason) {
        return findings.stream().anyMatch(f -> f.reason() == reason);
    }
}
