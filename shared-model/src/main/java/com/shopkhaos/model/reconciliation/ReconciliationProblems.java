package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The problems the reconciliation puts to a person ({@code REFUNDED_IN_SHOP}, {@code RECONCILIATION_DIFFERENCE}), raised
 * the same way whoever finds them first: order-sync when the shop's refund webhook comes, or the nightly run. Each says
 * what it is about in its evidence (the reasons and amounts, never words that change from night to night), so the same
 * difference found again changes nothing, and one a person resolved is not raised again.
 */
public final class ReconciliationProblems {
    private ReconciliationProblems() {
    }

    /** The refunds of the shop's order (a full or partial refund, a chargeback), as findings for finance. */
    public static List<ReconciliationLine.Finding> refunds(ShopOrder order) {
        return order.payments().stream().filter(p -> p.state().isRefund()).map(ReconciliationProblems::refund).toList();
    }

    /** A full refund or chargeback is the payment's amount; a partial refund's amount the shop's state does not carry. */
    static ReconciliationLine.Finding refund(ShopPayment payment) {
        if (payment.state() == ShopPaymentState.REFUNDED_PARTIALLY) {
            return new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, "refunded in part; amount unknown: see "
                    + "the payment provider (" + payment.methodName() + ")", Optional.empty());
        }
        String what = payment.state() == ShopPaymentState.CHARGEBACK ? "charged back by the card scheme" : "refunded in full";
        return new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, what + ": " + plain(payment.amount()),
                Optional.of(payment.amount()));
    }

    /**
     * Raises the problem unless it already says the same (open, or resolved by a person); true when it was raised.
     *
     * @param sentGross what Khaos was sent for the order (zero: never sent)
     */
    public static boolean keep(ExceptionLedger exceptions, ExceptionType type, String orderNumber, String currency,
                              BigDecimal shopGross, BigDecimal sentGross, List<ReconciliationLine.Finding> findings, Instant now) {
        String signature = signature(findings);
        String id = ExceptionRecord.idFor(type, orderNumber);
        Optional<ExceptionRecord> existing = exceptions.find(id);
        if (existing.isPresent() && existing.get().evidence().equals(signature)) {
            return false;
        }
        String reason = "order " + orderNumber + " (" + currency + " " + plain(shopGross) + " in the shop, " + plain(sentGross)
                + " sent to Khaos): " + String.join("; ", findings.stream().map(f -> f.reason().title() + ": " + f.detail()).toList());
        exceptions.raise(ExceptionRecord.open(type, ExceptionSubject.order(orderNumber), reason, signature, now));
        return true;
    }

    /** What the problem is about, without the words that change from night to night. */
    static String signature(List<ReconciliationLine.Finding> findings) {
        return "reconciliation: " + findings.stream().map(f -> f.reason().name() + f.amount().map(a -> " " + a.stripTrailingZeros()
                .toPlainString()).orElse("")).sorted().collect(Collectors.joining(", "));
    }

    static String plain(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
