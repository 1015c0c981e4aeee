package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.TaxPortion;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A day's reconciliation in figures: the day's orders (placed in the business day) in the shop, as sent and as Khaos
 * confirmed them, per currency (in it and in the shop's default currency), per VAT rate, payment method and sales
 * channel, and per reason. Every figure is the sum of the day's lines (each converted to the default currency first, so
 * the totals are the lines' sums to the penny). Lines of earlier days looked at again are counted apart
 * ({@link #rechecked}).
 *
 * @param baseCurrency  the shop's default currency, in which the totals are
 * @param difference    the shop's gross less what Khaos was sent, over the day
 * @param explained     the part of it on orders with a reason (anything but {@code OK})
 * @param unexplained   the part on orders Khaos has that are reported {@code OK} (zero unless an order's total moved in a way
 *                      no rule names)
 * @param pending       the part on orders reported {@code OK} that Khaos was never meant to have yet: cancelled in the shop
 *                      before it was sent, or placed too recently to be late
 */
public record ReconciliationSummary(LocalDate day, String baseCurrency, int orders, int rechecked, int needingAPerson,
                                    BigDecimal shopGross, BigDecimal sentGross, BigDecimal confirmedGross, BigDecimal difference,
                                    BigDecimal explained, BigDecimal unexplained, BigDecimal pending, List<CurrencyTotals> currencies,
                                    List<RateTotals> vatRates, List<GroupTotals> paymentMethods, List<GroupTotals> salesChannels,
                                    List<ReasonTotals> reasons) {

    /** One currency's orders, in it and in the base currency. */
    public record CurrencyTotals(String currency, int orders, BigDecimal shopGross, BigDecimal shopNet, BigDecimal sentGross,
                                 BigDecimal confirmedGross, BigDecimal shopGrossBase, BigDecimal sentGrossBase,
                                 BigDecimal confirmedGrossBase) {
    }

    /**
     * The VAT at one rate, in the base currency: the shop's, what Khaos was sent (the VAT Khaos books for the lines and
     * delivery it was sent, {@link SentVat}) and what Khaos confirmed (the sent figures of the orders it reported holding).
     *
     * @param orders the shop's orders with VAT at this rate
     * @param basis  what the shop worked the VAT out on (gross for gross orders, net for net ones); the sent and
     *               confirmed bases are gross
     */
    public record RateTotals(BigDecimal rate, int orders, BigDecimal basis, BigDecimal vat, BigDecimal sentBasis, BigDecimal sentVat,
                             BigDecimal confirmedBasis, BigDecimal confirmedVat) {
        public RateTotals {
            sentBasis = sentBasis == null ? BigDecimal.ZERO : sentBasis;
            sentVat = sentVat == null ? BigDecimal.ZERO : sentVat;
            confirmedBasis = confirmedBasis == null ? BigDecimal.ZERO : confirmedBasis;
            confirmedVat = confirmedVat == null ? BigDecimal.ZERO : confirmedVat;
        }

        /** The shop's VAT at the rate; nothing sent or confirmed at it. */
        public RateTotals(BigDecimal rate, int orders, BigDecimal basis, BigDecimal vat) {
            this(rate, orders, basis, vat, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }

    /** The orders of one payment method or sales channel, in the base currency: in the shop, as sent, as Khaos confirmed. */
    public record GroupTotals(String key, int orders, BigDecimal shopGross, BigDecimal sentGross, int needingAPerson,
                              BigDecimal confirmedGross) {
        public GroupTotals {
            confirmedGross = confirmedGross == null ? BigDecimal.ZERO : confirmedGross;
        }
    }

    /**
     * One reason: the orders reported under it (it is their most pressing reason) and their money; and every finding of
     * it, on whatever order, with the amounts they name.
     *
     * @param findings       how many findings of this reason, on any order
     * @param amount         the sum of the amounts those findings name (base currency)
     * @param amountsUnknown how many of them name none (a partial refund the shop does not say the amount of)
     */
    public record ReasonTotals(ReconciliationReason reason, int orders, BigDecimal shopGross, BigDecimal difference,
                               int findings, BigDecimal amount, int amountsUnknown) {
    }


    public ReconciliationSummary {
        Objects.requireNonNull(day, "day");
        currencies = List.copyOf(currencies);
        vatRates = List.copyOf(vatRates);
        paymentMethods = List.copyOf(paymentMethods);
        salesChannels = List.copyOf(salesChannels);
        reasons = List.copyOf(reasons);
    }

    /** The summary of a report's lines: those placed in the day count; the others are only counted as rechecked. */
    public static ReconciliationSummary of(BusinessDay day, String baseCurrency, List<ReconciliationLine> lines) {
        List<ReconciliationLine> ofTheDay = lines.stream().filter(l -> day.contains(l.facts().placedAt())).toList();
        Money total = new Money();
        BigDecimal explained = BigDecimal.ZERO;
        BigDecimal unexplained = BigDecimal.ZERO;
        BigDecimal pending = BigDecimal.ZERO;
        Map<String, CurrencySum> currencies = new TreeMap<>();
        Map<BigDecimal, RateSum> rates = new TreeMap<>();
        Map<String, GroupSum> methods = new TreeMap<>();
        Map<String, GroupSum> channels = new TreeMap<>();
        Map<ReconciliationReason, ReasonSum> reasons = new EnumMap<>(ReconciliationReason.class);
        int needingAPerson = 0;
        for (ReconciliationLine line : ofTheDay) {
            ReconciliationLine.Facts facts = line.facts();
            BigDecimal shop = facts.inBase(line.shopGross());
            BigDecimal sent = facts.inBase(line.sentGross());
            BigDecimal confirmed = facts.inBase(line.confirmedGross());
            total.add(shop, sent, confirmed);
            if (line.reason() == ReconciliationReason.OK && handedOver(facts.ledgerState())) {
                unexplained = unexplained.add(shop.subtract(sent));
            } else if (line.reason() == ReconciliationReason.OK) {
                pending = pending.add(shop.subtract(sent));
            } else {
                explained = explained.add(shop.subtract(sent));
            }
            needingAPerson += line.needsAPerson() ? 1 : 0;
            currencies.computeIfAbsent(line.currency(), c -> new CurrencySum()).add(line, shop, sent, confirmed);
            for (TaxPortion tax : facts.shopTaxes()) {
                rates.computeIfAbsent(plainRate(tax.rate()), r -> new RateSum()).add(facts.inBase(tax.price()),
                        facts.inBase(tax.tax()));
            }
            boolean confirmedByKhaos = line.confirmedGross().signum() != 0;
            for (TaxPortion tax : facts.sentTaxes()) {
                rates.computeIfAbsent(plainRate(tax.rate()), r -> new RateSum()).addSent(facts.inBase(tax.price()),
                        facts.inBase(tax.tax()), confirmedByKhaos);
            }
            methods.computeIfAbsent(facts.paymentMethod(), k -> new GroupSum()).add(line, shop, sent, confirmed);
            channels.computeIfAbsent(facts.salesChannelId(), k -> new GroupSum()).add(line, shop, sent, confirmed);
            reasons.computeIfAbsent(line.reason(), r -> new ReasonSum()).addOrder(shop, shop.subtract(sent));
            for (ReconciliationLine.Finding finding : line.findings()) {
                reasons.computeIfAbsent(finding.reason(), r -> new ReasonSum()).addFinding(finding.amount().map(facts::inBase));
            }
        }
        List<CurrencyTotals> byCurrency = new ArrayList<>();
        currencies.forEach((c, s) -> byCurrency.add(new CurrencyTotals(c, s.orders, s.own.shop, s.net, s.own.sent, s.own.confirmed,
                s.base.shop, s.base.sent, s.base.confirmed)));
        List<RateTotals> byRate = new ArrayList<>();
        rates.forEach((r, s) -> byRate.add(new RateTotals(r, s.orders, s.basis, s.vat, s.sent.basis, s.sent.vat, s.confirmed.basis,
                s.confirmed.vat)));
        List<ReasonTotals> byReason = new ArrayList<>();
        reasons.forEach((r, s) -> byReason.add(new ReasonTotals(r, s.orders, s.shop, s.difference, s.findings, s.amount, s.unknown)));
        return new ReconciliationSummary(day.date(), baseCurrency, ofTheDay.size(), lines.size() - ofTheDay.size(), needingAPerson,
                total.shop, total.sent, total.confirmed, total.shop.subtract(total.sent), explained, unexplained, pending, byCurrency,
                byRate,
                groups(methods), groups(channels), byReason);
    }

    /** Whether the line's ledger state (empty: never heard of) is one in which Khaos has, or had, the order. */
    private static boolean handedOver(String ledgerState) {
        return Arrays.stream(OrderState.values()).anyMatch(s -> s.name().equals(ledgerState) && s.wasHandedOver());
    }

    /** 20.00 and 20 are one rate, written 20 (never 2E+1). */
    private static BigDecimal plainRate(BigDecimal rate) {
        BigDecimal r = rate.stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    private static List<GroupTotals> groups(Map<String, GroupSum> sums) {
        List<GroupTotals> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new GroupTotals(k, s.orders, s.money.shop, s.money.sent, s.needingAPerson, s.money.confirmed)));
        return out;
    }

    /** The totals of one reason, for a summary read back. */
    public ReasonTotals reason(ReconciliationReason reason) {
        return reasons.stream().filter(r -> r.reason() == reason).findFirst()
                .orElse(new ReasonTotals(reason, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0));
    }

    private static final class Money {
        BigDecimal shop = BigDecimal.ZERO;
        BigDecimal sent = BigDecimal.ZERO;
        BigDecimal confirmed = BigDecimal.ZERO;

        void add(BigDecimal shop, BigDecimal sent, BigDecimal confirmed) {
            this.shop = this.shop.add(shop);
            this.sent = this.sent.add(sent);
            this.confirmed = this.confirmed.add(confirmed);
        }
    }

    private static final class CurrencySum {
        int orders;
        BigDecimal net = BigDecimal.ZERO;
        final Money own = new Money();
        final Money base = new Money();

        void add(ReconciliationLine line, BigDecimal shop, BigDecimal sent, BigDecimal confirmed) {
            orders++;
            net = net.add(line.facts().shopNet());
            own.add(line.shopGross(), line.sentGross(), line.confirmedGross());
            base.add(shop, sent, confirmed);
        }
    }

    private static final class RateSum {
        int orders;
        BigDecimal basis = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        final VatSum sent = new VatSum();
        final VatSum confirmed = new VatSum();

        void add(BigDecimal basis, BigDecimal vat) {
            orders++;
            this.basis = this.basis.add(basis);
            this.vat = this.vat.add(vat);
        }

        void addSent(BigDecimal basis, BigDecimal vat, boolean confirmedByKhaos) {
            sent.add(basis, vat);
            if (confirmedByKhaos) {
                confirmed.add(basis, vat);
            }
        }
    }

    private static final class VatSum {
        BigDecimal basis = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;

        void add(BigDecimal basis, BigDecimal vat) {
            this.basis = this.basis.add(basis);
            this.vat = this.vat.add(vat);
        }
    }

    private static final class GroupSum {
        int orders;
        int needingAPerson;
        final Money money = new Money();

        void add(ReconciliationLine line, BigDecimal shop, BigDecimal sent, BigDecimal confirmed) {
            orders++;
            needingAPerson += line.needsAPerson() ? 1 : 0;
            money.add(shop, sent, confirmed);
        }
    }

    private static final class ReasonSum {
        int orders;
        BigDecimal shop = BigDecimal.ZERO;
        BigDecimal difference = BigDecimal.ZERO;
        int findings;
        BigDecimal amount = BigDecimal.ZERO;
        int unknown;

        void addOrder(BigDecimal shop, BigDecimal difference) {
            orders++;
            this.shop = this.shop.add(shop);
            this.difference = this.difference.add(difference);
        }

        void addFinding(java.util.Optional<BigDecimal> known) {
            findings++;
            if (known.isPresent()) {
                amount = amount.add(known.get());
            } else {
                unknown++;
            }
        }
    }
}
