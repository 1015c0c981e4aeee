package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.MoneyText;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rule of the nightly reconciliation for one order: the shop's order now, our ledger's record of it (what Khaos
 * was sent, what Khaos confirmed) and whether Khaos holds it twice, into one {@link ReconciliationLine}. Khaos's
 * channel carries no money back, so what Khaos books is what it was sent unless someone edits it there; a fourth
 * column (Khaos's invoice values, from the on-premise service or an accounting export) would be compared here too.
 */
public final class OrderReconciliation {
    /** States in which the order has not reached Khaos yet. */
    private static final Set<OrderState> NOT_YET_SENT = EnumSet.of(OrderState.RECEIVED, OrderState.AWAITING_PAYMENT,
            OrderState.READY, OrderState.QUARANTINED);

    /**
     * @param roundingTolerance a total differing by at most this much, with every line and the delivery the same, is
     *                          {@link ReconciliationReason#ROUNDING} (counted, not raised)
     * @param notSentAfter      an order not sent to Khaos this long after it was placed is {@link ReconciliationReason#NOT_SENT}
     * @param notConfirmedAfter an order Khaos downloaded this long ago and never reported is
     *                          {@link ReconciliationReason#SENT_NOT_CONFIRMED} (as {@code KHAOS_CONFIRMATION_AFTER})
     */
    public record Settings(BigDecimal roundingTolerance, Duration notSentAfter, Duration notConfirmedAfter) {
        /** Khaos's confirmation awaited as long as the sending. */
        public Settings(BigDecimal roundingTolerance, Duration notSentAfter) {
            this(roundingTolerance, notSentAfter, notSentAfter);
        }

        public Settings {
            Objects.requireNonNull(roundingTolerance, "roundingTolerance");
            Objects.requireNonNull(notSentAfter, "notSentAfter");
            Objects.requireNonNull(notConfirmedAfter, "notConfirmedAfter");
            if (roundingTolerance.signum() < 0) {
                throw new IllegalArgumentException("the rounding tolerance cannot be negative, was " + roundingTolerance);
            }
        }
    }

    /**
     * What we know of one order besides the shop's own view.
     *
     * @param ledger       our record of it (empty: we never heard of it)
     * @param sent         the money of the sales order Khaos was sent (empty: never sent, or no longer readable)
     * @param shopNow      the shop's order now, translated as it would be sent (empty: it can no longer be translated)
     * @param duplicateInKhaos Khaos reported a second order code for it, and that is not settled
     * @param vatSplitDiffers  how the shop's VAT per rate differs from what Khaos works out with its items' tax codes today
     *                         (empty: it agrees)
     * @param refundsRecorded  what the payment extensions recorded as refunded, by transaction id (a partial refund's amount)
     */
    public record Known(Optional<OrderLedgerEntry> ledger, Optional<SalesOrderValues> sent, Optional<SalesOrderValues> shopNow,
                        boolean duplicateInKhaos, Optional<String> vatSplitDiffers, Map<String, BigDecimal> refundsRecorded) {
        public Known {
            vatSplitDiffers = vatSplitDiffers == null ? Optional.empty() : vatSplitDiffers;
            refundsRecorded = refundsRecorded == null ? Map.of() : Map.copyOf(refundsRecorded);
        }

        public Known(Optional<OrderLedgerEntry> ledger, Optional<SalesOrderValues> sent, Optional<SalesOrderValues> shopNow,
                     boolean duplicateInKhaos, Optional<String> vatSplitDiffers) {
            this(ledger, sent, shopNow, duplicateInKhaos, vatSplitDiffers, Map.of());
        }

        public Known(Optional<OrderLedgerEntry> ledger, Optional<SalesOrderValues> sent, Optional<SalesOrderValues> shopNow,
                     boolean duplicateInKhaos) {
            this(ledger, sent, shopNow, duplicateInKhaos, Optional.empty());
        }
    }

    private final Settings settings;

    public OrderReconciliation(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ReconciliationLine reconcile(ShopOrder shop, Known known, Instant now) {
        List<ReconciliationLine.Finding> findings = new ArrayList<>();
        BigDecimal sentGross = known.sent().map(SalesOrderValues::grossTotal).orElse(BigDecimal.ZERO);
        if (known.ledger().isEmpty()) {
            findings.add(finding(ReconciliationReason.NOT_IN_LEDGER, "placed " + shop.placedAt() + ", total "
                    + MoneyText.plain(shop.amountTotal()) + " " + shop.currency() + "; no webhook or sweep ever brought it here", shop.amountTotal()));
            return line(shop, Optional.empty(), BigDecimal.ZERO, Optional.empty(), findings);
        }
        OrderLedgerEntry entry = known.ledger().get();
        if (entry.state() == OrderState.WITHDRAWN) {
            if (!shop.isCancelled()) {
                findings.add(finding(ReconciliationReason.NOT_SENT, "withdrawn here (" + lastDetail(entry)
                        + "), yet the shop has it live", shop.amountTotal()));
            }
            return line(shop, known.ledger(), BigDecimal.ZERO, Optional.empty(), findings);
        }
        if (NOT_YET_SENT.contains(entry.state())) {
            if (!shop.isCancelled() && shop.placedAt().plus(settings.notSentAfter()).isBefore(now)) {
                // the same words however late the run: a report run twice reads the same
                findings.add(finding(ReconciliationReason.NOT_SENT, "still " + entry.state() + " (placed " + shop.placedAt()
                        + ", not sent within " + settings.notSentAfter().toMinutes() + " minutes)", shop.amountTotal()));
            }
            return line(shop, known.ledger(), BigDecimal.ZERO, Optional.empty(), findings);
        }
        KhaosHandover khaos = entry.khaos();
        if (entry.state() == OrderState.DOWNLOADED && khaos.khaosOrderCode().isEmpty()
                && (khaos.downloadedAt() == null || khaos.downloadedAt().plus(settings.notConfirmedAfter()).isBefore(now))) {
            findings.add(new ReconciliationLine.Finding(ReconciliationReason.SENT_NOT_CONFIRMED, "downloaded by Khaos"
                    + (khaos.downloadedAt() == null ? "" : " at " + khaos.downloadedAt()) + ", never reported back", Optional.empty()));
        }
        boolean cancelledInKhaos = entry.state() == OrderState.CANCELLED || khaos.khaosProgress().isCancelled();
        if (shop.isCancelled() && !cancelledInKhaos) {
            findings.add(finding(ReconciliationReason.CANCELLED_IN_SHOP_ONLY, "cancelled in the shop; Khaos has it as "
                    + code(khaos) + " (" + entry.state() + ")", sentGross));
        } else if (cancelledInKhaos && !shop.isCancelled()) {
            findings.add(finding(ReconciliationReason.CANCELLED_IN_KHAOS_ONLY, "Khaos cancelled " + code(khaos)
                    + "; the shop still has it, total " + MoneyText.plain(shop.amountTotal()), shop.amountTotal()));
        }
        if (known.duplicateInKhaos()) {
            findings.add(new ReconciliationLine.Finding(ReconciliationReason.DUPLICATE_IN_KHAOS, "Khaos holds a second order for it "
                    + "besides " + code(khaos), Optional.of(sentGross)));
        }
        List<ReconciliationLine.Finding> refunds = ReconciliationProblems.refunds(shop, known.refundsRecorded());
        findings.addAll(refunds);
        boolean bothCancelled = shop.isCancelled() && cancelledInKhaos;
        if (!bothCancelled && known.sent().isPresent()) {
            known.vatSplitDiffers().ifPresent(how -> findings.add(new ReconciliationLine.Finding(ReconciliationReason.VAT_SPLIT_DIFFERS,
                    how, Optional.empty())));
            compareValues(shop, known, findings);
            if (refunds.isEmpty()) {
                comparePaid(shop, known.sent().get(), findings);
            }
        }
        if (entry.state() == OrderState.DESPATCHED) {
            findings.add(new ReconciliationLine.Finding(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK, "Khaos despatched "
                    + code(khaos) + "; the shop's delivery is not shipped yet", Optional.empty()));
        }
        return line(shop, known.ledger(), sentGross, known.sent(), findings);
    }

    private void compareValues(ShopOrder shop, Known known, List<ReconciliationLine.Finding> findings) {
        SalesOrderValues sent = known.sent().get();
        BigDecimal difference = shop.amountTotal().subtract(sent.grossTotal());
        if (known.shopNow().isEmpty()) {
            if (difference.signum() != 0) {
                findings.add(finding(ReconciliationReason.VALUE_CHANGED_AFTER_SENDING, "total " + MoneyText.plain(sent.grossTotal()) + " → "
                        + MoneyText.plain(shop.amountTotal()) + " (the order as it is now cannot be translated)", difference));
            }
            return;
        }
        SalesOrderValues now = known.shopNow().get();
        List<String> differences = now.differencesFrom(sent);
        if (differences.isEmpty()) {
            return;
        }
        boolean onlyTheTotal = now.differencesFrom(new SalesOrderValues(sent.lines(), sent.deliveryGross(), now.grossTotal())).isEmpty();
        BigDecimal totalChange = now.grossTotal().subtract(sent.grossTotal());
        if (onlyTheTotal && totalChange.abs().compareTo(settings.roundingTolerance()) <= 0) {
            findings.add(finding(ReconciliationReason.ROUNDING, String.join("; ", differences), totalChange));
        } else {
            findings.add(finding(ReconciliationReason.VALUE_CHANGED_AFTER_SENDING, String.join("; ", differences), totalChange));
        }
    }

    private static void comparePaid(ShopOrder shop, SalesOrderValues sent, List<ReconciliationLine.Finding> findings) {
        boolean sentPaid = sent.paymentsTotal().signum() > 0;
        boolean paidNow = shop.isPaidOrAuthorized();
        if (sentPaid && !paidNow) {
            findings.add(finding(ReconciliationReason.PAID_STATE_MISMATCH, "sent to Khaos with a payment of "
                    + MoneyText.plain(sent.paymentsTotal()) + "; the shop's payment is now " + states(shop), sent.paymentsTotal()));
        } else if (!sentPaid && paidNow) {
            findings.add(finding(ReconciliationReason.PAID_STATE_MISMATCH, "sent to Khaos without a payment; the shop's payment is "
                    + "now " + states(shop), shop.amountTotal()));
        }
    }

    private static ReconciliationLine line(ShopOrder shop, Optional<OrderLedgerEntry> ledger, BigDecimal sentGross,
                                           Optional<SalesOrderValues> sent, List<ReconciliationLine.Finding> findings) {
        KhaosHandover khaos = ledger.map(OrderLedgerEntry::khaos).orElse(KhaosHandover.NONE);
        boolean confirmed = !khaos.khaosOrderCode().isEmpty() && !khaos.khaosProgress().isCancelled()
                && ledger.map(e -> e.state() != OrderState.CANCELLED).orElse(false);
        ReconciliationLine.Facts facts = new ReconciliationLine.Facts(shop.placedAt(), shop.salesChannelId(), shop.paymentMethodName(),
                shop.currencyFactor(), shop.amountNet(), shop.taxes(), khaos.khaosOrderCode(),
                ledger.map(e -> e.state().name()).orElse(""), sent.map(v -> SentVat.of(v, shop)).orElse(List.of()));
        return new ReconciliationLine(shop.orderNumber(), shop.orderId(), shop.currency(), shop.amountTotal(), sentGross,
                confirmed ? sentGross : BigDecimal.ZERO, findings, facts, List.of());
    }

    private static ReconciliationLine.Finding finding(ReconciliationReason reason, String detail, BigDecimal amount) {
        return new ReconciliationLine.Finding(reason, detail, Optional.ofNullable(amount));
    }

    private static String states(ShopOrder shop) {
        return shop.payments().isEmpty() ? "none" : String.join(", ", shop.payments().stream()
                .map(p -> p.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList());
    }

    private static String code(KhaosHandover khaos) {
        return khaos.khaosOrderCode().isEmpty() ? "the order" : khaos.khaosOrderCode();
    }

    private static String lastDetail(OrderLedgerEntry entry) {
        return entry.timeline().isEmpty() ? "no reason kept" : entry.timeline().get(entry.timeline().size() - 1).detail();
    }

}
