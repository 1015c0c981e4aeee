package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.order.TaxPortion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One order in the night's reconciliation: the shop's total now, what Khaos was sent, what Khaos confirmed, and every
 * finding (none: the order agrees). Amounts in the order's currency.
 *
 * @param sentGross      the total Khaos was sent; zero when it was never sent
 * @param confirmedGross the total of the order Khaos confirmed it holds (reported an order code for, not cancelled); zero
 *                       otherwise. Khaos's channel carries no money back: what it confirmed is what it was sent
 * @param facts          what the day's summary groups by
 * @param exceptionIds   the exceptions that say so (one already open for the order, or the one the reconciliation opened)
 */
public record ReconciliationLine(String orderNumber, String orderId, String currency, BigDecimal shopGross, BigDecimal sentGross,
                                 BigDecimal confirmedGross, List<Finding> findings, Facts facts, List<String> exceptionIds) {

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

    /**
     * The order as the summary groups it.
     *
     * @param currencyFactor the order currency's rate to the shop's default currency (1 for it)
     * @param shopTaxes      the shop's VAT per rate
     * @param khaosOrderCode Khaos's order code, empty until Khaos reported one
     * @param ledgerState    where our ledger has it (empty: never heard of it)
     */
    public record Facts(Instant placedAt, String salesChannelId, String paymentMethod, BigDecimal currencyFactor,
                        BigDecimal shopNet, List<TaxPortion> shopTaxes, String khaosOrderCode, String ledgerState) {
        public Facts {
            Objects.requireNonNull(placedAt, "placedAt");
            salesChannelId = salesChannelId == null ? "" : salesChannelId;
            paymentMethod = paymentMethod == null ? "" : paymentMethod;
            currencyFactor = currencyFactor == null || currencyFactor.signum() <= 0 ? BigDecimal.ONE : currencyFactor;
            shopNet = shopNet == null ? BigDecimal.ZERO : shopNet;
            shopTaxes = shopTaxes == null ? List.of() : List.copyOf(shopTaxes);
            khaosOrderCode = khaosOrderCode == null ? "" : khaosOrderCode;
            ledgerState = ledgerState == null ? "" : ledgerState;
        }

        /** An amount of the order in the shop's default currency, to the penny. */
        public BigDecimal inBase(BigDecimal amount) {
            return currencyFactor.compareTo(BigDecimal.ONE) == 0 ? amount
                    : amount.divide(currencyFactor, 2, RoundingMode.HALF_UP);
        }
    }

    public ReconciliationLine {
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(shopGross, "shopGross");
        Objects.requireNonNull(facts, "facts");
        sentGross = sentGross == null ? BigDecimal.ZERO : sentGross;
        confirmedGross = confirmedGross == null ? BigDecimal.ZERO : confirmedGross;
        findings = findings.stream().sorted(Comparator.comparing(Finding::reason)).toList();
        exceptionIds = exceptionIds == null ? List.of() : List.copyOf(exceptionIds);
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

    /** Whether a person must look at it (a finding beyond rounding). */
    public boolean needsAPerson() {
        return findings.stream().anyMatch(f -> f.reason().needsAPerson());
    }

    /** The same line, linked to the exceptions that carry it. */
    public ReconciliationLine withExceptions(List<String> ids) {
        return new ReconciliationLine(orderNumber, orderId, currency, shopGross, sentGross, confirmedGross, findings, facts, ids);
    }

    /** Every finding in one sentence, the most pressing first. */
    public String describe() {
        return String.join("; ", findings.stream().map(f -> f.reason().name() + ": " + f.detail()).toList());
    }
}
