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
     * @param amount    the money concerned where it is known (a refund's amount, a changed total's difference)
     * @param settledBy what already settled it in Khaos, so nobody need act (a refund whose customer return Khaos took);
     *                  empty while it is a person's to settle
     */
    public record Finding(ReconciliationReason reason, String detail, Optional<BigDecimal> amount, String settledBy) {
        public Finding {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
            amount = amount == null ? Optional.empty() : amount;
            settledBy = settledBy == null ? "" : settledBy;
        }

        public Finding(ReconciliationReason reason, String detail, Optional<BigDecimal> amount) {
            this(reason, detail, amount, "");
        }

        /** Whether something already settled it in Khaos. */
        public boolean settled() {
            return !settledBy.isEmpty();
        }

        /** Whether a person must act on it. */
        public boolean needsAPerson() {
            return reason.needsAPerson() && !settled();
        }
    }

    /**
     * The order as the summary groups it.
     *
     * @param currencyFactor the order currency's rate to the shop's default currency (1 for it)
     * @param shopTaxes      the shop's VAT per rate
     * @param khaosOrderCode Khaos's order code, empty until Khaos reported one
     * @param ledgerState    where our ledger has it (empty: never heard of it)
     * @param sentTaxes      the VAT per rate Khaos books for what it was sent ({@link SentVat}); empty when never sent
     */
    public record Facts(Instant placedAt, String salesChannelId, String paymentMethod, BigDecimal currencyFactor,
                        BigDecimal shopNet, List<TaxPortion> shopTaxes, String khaosOrderCode, String ledgerState,
                        List<TaxPortion> sentTaxes) {
        public Facts(Instant placedAt, String salesChannelId, String paymentMethod, BigDecimal currencyFactor, BigDecimal shopNet,
                     List<TaxPortion> shopTaxes, String khaosOrderCode, String ledgerState) {
            this(placedAt, salesChannelId, paymentMethod, currencyFactor, shopNet, shopTaxes, khaosOrderCode, ledgerState, List.of());
        }

        public Facts {
            sentTaxes = sentTaxes == null ? List.of() : List.copyOf(sentTaxes);
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

    /**
     * The most pressing reason a person must act on; when there is none, the most pressing found (a settled refund, say);
     * {@link ReconciliationReason#OK} when nothing was found.
     */
    public ReconciliationReason reason() {
        return findings.stream().filter(Finding::needsAPerson).findFirst().or(() -> findings.stream().findFirst())
                .map(Finding::reason).orElse(ReconciliationReason.OK);
    }

    /** The shop's total less what Khaos was sent. */
    public BigDecimal difference() {
        return shopGross.subtract(sentGross);
    }

    public boolean has(ReconciliationReason reason) {
        return findings.stream().anyMatch(f -> f.reason() == reason);
    }

    /** Whether a person must look at it (a finding beyond rounding that nothing settled). */
    public boolean needsAPerson() {
        return findings.stream().anyMatch(Finding::needsAPerson);
    }

    /** Who acts on the most pressing reason: nobody when what it found is settled already (and says by what). */
    public String whoActs() {
        ReconciliationReason reason = reason();
        boolean someoneActs = findings.stream().anyMatch(f -> f.reason() == reason && !f.settled());
        return findings.stream().filter(f -> f.reason() == reason && f.settled()).findFirst().filter(f -> !someoneActs)
                .map(f -> "nobody: " + f.settledBy()).orElse(reason.whoActs());
    }

    /** The same line with every finding of {@code reason} settled by {@code settledBy}. */
    public ReconciliationLine settled(ReconciliationReason reason, String settledBy) {
        return new ReconciliationLine(orderNumber, orderId, currency, shopGross, sentGross, confirmedGross, findings.stream()
                .map(f -> f.reason() == reason ? new Finding(f.reason(), f.detail(), f.amount(), settledBy) : f).toList(), facts,
                exceptionIds);
    }

    /** The same line, linked to the exceptions that carry it. */
    public ReconciliationLine withExceptions(List<String> ids) {
        return new ReconciliationLine(orderNumber, orderId, currency, shopGross, sentGross, confirmedGross, findings, facts, ids);
    }

    /** Every finding in one sentence, the most pressing first. */
    public String describe() {
        return String.join("; ", findings.stream().map(f -> f.reason().name() + ": " + f.detail()
                + (f.settled() ? " (settled: " + f.settledBy() + ")" : "")).toList());
    }
}
