package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.order.MoneyText;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The problems the reconciliation puts to a person ({@code REFUNDED_IN_SHOP}, {@code RECONCILIATION_DIFFERENCE}), raised
 * the same way whoever finds them first: order-sync when the shop's refund webhook comes, or the nightly run. Each says
 * what it is about in its evidence (the reasons and amounts, never words that change from night to night), so the same
 * difference found again changes nothing, and one a person resolved is not raised again.
 */
public final class ReconciliationProblems {
    /** Who resolves what the reconciliation opened, when the order agrees again. */
    public static final String RESOLVER = "reconciliation";

    private ReconciliationProblems() {
    }

    /** The refunds of the shop's order (a full or partial refund, a chargeback), as findings for finance. */
    public static List<ReconciliationLine.Finding> refunds(ShopOrder order) {
        return refunds(order, Map.of());
    }

    /**
     * The same, a partial refund with the amount the payment extension recorded where there is one.
     *
     * @param recorded what the shop's capture refunds say was refunded, by transaction id
     */
    public static List<ReconciliationLine.Finding> refunds(ShopOrder order, Map<String, BigDecimal> recorded) {
        return order.payments().stream().filter(p -> p.state().isRefund()).map(p -> refund(p, recorded)).toList();
    }

    /** Whether one of the order's refunds is partial: its amount is only in the payment extension's records. */
    public static boolean hasPartialRefund(ShopOrder order) {
        return order.payments().stream().anyMatch(p -> p.state() == ShopPaymentState.REFUNDED_PARTIALLY);
    }

    /** A full refund or chargeback is the payment's amount; a partial refund's, what the extension recorded, if it did. */
    static ReconciliationLine.Finding refund(ShopPayment payment, Map<String, BigDecimal> recorded) {
        if (payment.state() == ShopPaymentState.REFUNDED_PARTIALLY) {
            BigDecimal amount = recorded.get(payment.transactionId());
            if (amount != null) {
                return new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, "refunded in part: " + MoneyText.plain(amount)
                        + " (as the payment provider recorded it)", Optional.of(amount));
            }
            return new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, "refunded in part; amount unknown: see "
                    + "the payment provider (" + payment.methodName() + ")", Optional.empty());
        }
        String what = payment.state() == ShopPaymentState.CHARGEBACK ? "charged back by the card scheme" : "refunded in full";
        return new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, what + ": " + MoneyText.plain(payment.amount()),
                Optional.of(payment.amount()));
    }

    /**
     * Raises the problem unless it already says the same (open, or resolved by a person); true when it was raised.
     *
     * @param sentGross what Khaos was sent for the order (zero: never sent)
     */
    public static boolean keep(ExceptionLedger exceptions, ExceptionType type, String orderNumber, String currency,
                              BigDecimal shopGross, BigDecimal sentGross, List<ReconciliationLine.Finding> findings, Instant now) {
        return keep(exceptions, Optional.empty(), type, orderNumber, currency, shopGross, sentGross, findings, now);
    }

    /**
     * The same, given the problem as the caller read it with the other open ones (a night's run reads them all once):
     * when it already says the same, the ledger is not asked again.
     */
    public static boolean keep(ExceptionLedger exceptions, Optional<ExceptionRecord> readOpen, ExceptionType type, String orderNumber,
                               String currency, BigDecimal shopGross, BigDecimal sentGross, List<ReconciliationLine.Finding> findings,
                               Instant now) {
        String signature = signature(findings);
        String id = ExceptionRecord.idFor(type, orderNumber);
        if (readOpen.isPresent() && readOpen.get().id().equals(id) && readOpen.get().evidence().equals(signature)) {
            return false;
        }
        Optional<ExceptionRecord> existing = exceptions.find(id);
        String reason = "order " + orderNumber + " (" + currency + " " + MoneyText.plain(shopGross) + " in the shop, " + MoneyText.plain(sentGross)
                + " sent to Khaos): " + String.join("; ", findings.stream().map(f -> f.reason().title() + ": " + f.detail()).toList());
        // the same reasons still open, or settled by a person: nothing new. Resolved by the night itself (the order agreed
        // for a while) and back again: raised again. Open with the same reasons, but now saying more (what became of the
        // goods, known only once the return could be made): the new words replace the old, never the other way round
        if (existing.isPresent() && existing.get().evidence().equals(signature) && (existing.get().status() == ExceptionStatus.OPEN
                ? !saysMore(reason, existing.get().reason()) : !existing.get().resolvedBy().startsWith(RESOLVER))) {
            return false;
        }
        exceptions.raise(ExceptionRecord.open(type, ExceptionSubject.order(orderNumber), reason, signature, now));
        return true;
    }

    /** Whether {@code reason} says more than {@code before}: longer, and not the same words. */
    private static boolean saysMore(String reason, String before) {
        return reason.length() > before.length() && !reason.equals(before);
    }

    /** What the problem is about, without the words that change from night to night. */
    static String signature(List<ReconciliationLine.Finding> findings) {
        return "reconciliation: " + findings.stream().map(f -> f.reason().name() + f.amount().map(a -> " " + a.stripTrailingZeros()
                .toPlainString()).orElse("")).sorted().collect(Collectors.joining(", "));
    }

}
