package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.order.OrderProblem;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.ordersync.Checkpoints;
import com.shopkhaos.model.ordersync.OrderAsItWouldBeSent;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.CustomerReturns;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.returns.ReturnCause;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The fourth flow: every night, each order of the business day (placed in it, Europe/London), every order changed during
 * it (the order or one of its payments; on the first run, every order changed since go-live) and every order the
 * reconciliation still has an open difference for, reconciled one by one ({@link OrderReconciliation}) against our ledger
 * (what Khaos was sent and confirmed). A line that needs a person links to the problem already open for it where there
 * is one, and otherwise opens the reconciliation's own ({@code REFUNDED_IN_SHOP}, {@code RECONCILIATION_DIFFERENCE}), so
 * one problem stays one exception; the reconciliation's own difference resolves itself when a later run finds the order
 * agreeing, and one a person resolved is not raised again for the same reasons. The report is stored whole once complete:
 * running a day again gives the same report and raises nothing twice.
 */
public final class NightlyReconciliation {
    static final String CHECKPOINT = "reconciliation#changes";
    static final String RESOLVER = ReconciliationProblems.RESOLVER;
    private static final int BATCH = 100;
    /** Lines needing a person beyond which their problems are kept in parallel. */
    static final int PARALLEL_FROM = 20;
    static final int LINK_THREADS = 8;
    /** How far back changed orders are looked for at most (a first run long after go-live, nights missed). */
    static final int MAX_CATCH_UP_DAYS = 31;
    private static final System.Logger LOG = System.getLogger(NightlyReconciliation.class.getName());

    /**
     * @param baseCurrency the shop's default currency, in which the summary totals are (the channel's Khaos currency)
     * @param goLive       where the first run starts looking for changed orders (never the shop's history before it)
     */
    public record Settings(OrderReconciliation.Settings rule, String baseCurrency, Optional<Instant> goLive) {
        public Settings {
            Objects.requireNonNull(rule, "rule");
            baseCurrency = baseCurrency == null || baseCurrency.isBlank() ? "GBP" : baseCurrency;
            goLive = goLive == null ? Optional.empty() : goLive;
        }
    }

    private final ShopRegistry shops;
    private final ShopOrders shopOrders;
    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final Checkpoints checkpoints;
    private final ReconciliationReports reports;
    private final OrderAsItWouldBeSent asSentToday;
    private final SalesOrderFormat format;
    private final OrderReconciliation rule;
    private final Settings settings;
    private final CustomerReturns returns;
    private final Clock clock;

    /**
     * @param returns the customer returns made of refunds: a refund whose returns Khaos all took is settled in Khaos (its
     *                return is Khaos's credit), so the night reports it explained and asks nobody to act
     */
    public NightlyReconciliation(ShopRegistry shops, ShopOrders shopOrders, OrderLedger ledger, ExceptionLedger exceptions,
                                 Checkpoints checkpoints, ReconciliationReports reports, OrderAsItWouldBeSent asSentToday,
                                 SalesOrderFormat format, CustomerReturns returns, Settings settings, Clock clock) {
        this.returns = returns;
        this.shops = shops;
        this.shopOrders = shopOrders;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.checkpoints = checkpoints;
        this.reports = reports;
        this.asSentToday = asSentToday;
        this.format = format;
        this.rule = new OrderReconciliation(settings.rule());
        this.settings = settings;
        this.clock = clock;
    }

    /** The schedule's run: yesterday, in London. */
    public ReconciliationReport nightly() {
        return run(BusinessDay.before(clock.instant()).date());
    }

    /** Reconciles the day and stores its report (replacing an earlier run's). */
    public ReconciliationReport run(LocalDate date) {
        BusinessDay day = new BusinessDay(date);
        Instant now = clock.instant();
        if (!day.start().isBefore(now)) {
            throw new DayNotStartedException(date);
        }
        Optional<Instant> mark = checkpoints.get(CHECKPOINT);
        // changes since the last run (a night missed is caught up), from go-live on the first; never more than a month back
        Instant earliest = day.start().minus(Duration.ofDays(MAX_CATCH_UP_DAYS));
        Instant since = mark.or(settings::goLive).filter(at -> at.isBefore(day.start())).orElse(day.start());
        Instant changesFrom = since.isBefore(earliest) ? earliest : since;
        Instant changesTo = day.end().isBefore(now) ? day.end() : now;
        Open open = Open.of(exceptions.allOpen());
        OrderAsItWouldBeSent translator = asSentToday.remembering();
        List<ReconciliationLine> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String shopId : shops.shopIds()) {
            if (!shops.find(shopId).map(s -> s.isConfirmed()).orElse(false)) {
                continue;
            }
            shopOrders.placedBetween(shopId, day.start(), day.end(),
                    page -> reconcile(shopId, page, open, translator, now, seen, lines));
            List<String> changed = shopOrders.changedBetween(shopId, changesFrom, changesTo).stream()
                    .map(ShopOrders.ChangedOrder::orderId).filter(id -> !seen.contains(id)).distinct().toList();
            for (int i = 0; i < changed.size(); i += BATCH) {
                List<ShopOrder> batch = shopOrders.fetchAll(shopId, changed.subList(i, Math.min(changed.size(), i + BATCH)));
                reconcile(shopId, batch, open, translator, now, seen, lines);
            }
            Set<String> reported = new HashSet<>();
            lines.forEach(l -> reported.add(l.orderNumber()));
            List<String> stillOpen = open.reconciliationsOwn().stream().filter(n -> !reported.contains(n)).toList();
            for (int i = 0; i < stillOpen.size(); i += BATCH) {
                List<ShopOrder> batch = shopOrders.byOrderNumbers(shopId, stillOpen.subList(i, Math.min(stillOpen.size(), i + BATCH)));
                reconcile(shopId, batch, open, translator, now, seen, lines);
            }
        }
        List<ReconciliationLine> linked = linkAll(lines, open, now);
        ReconciliationReport report = new ReconciliationReport(date, now, changesFrom,
                ReconciliationSummary.of(day, settings.baseCurrency(), linked), linked);
        reports.save(report);
        if (mark.isEmpty() || mark.get().isBefore(changesTo)) {
            checkpoints.advance(CHECKPOINT, mark, changesTo);
        }
        LOG.log(System.Logger.Level.INFO, "reconciliation of " + date + ": " + report.summary().orders() + " order(s), "
                + report.summary().rechecked() + " rechecked, " + report.summary().needingAPerson() + " for a person");
        return report;
    }

    private void reconcile(String shopId, List<ShopOrder> page, Open open, OrderAsItWouldBeSent translator, Instant now,
                           Set<String> seen, List<ReconciliationLine> lines) {
        List<ShopOrder> fresh = page.stream().filter(o -> seen.add(o.orderId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, OrderLedgerEntry> known = ledger.findAll(fresh.stream().map(ShopOrder::orderId).toList());
        for (ShopOrder order : fresh) {
            Optional<OrderLedgerEntry> entry = Optional.ofNullable(known.get(order.orderId()));
            Optional<SalesOrderValues> sent = entry.filter(e -> e.state().wasHandedOver())
                    .flatMap(e -> format.values(e.khaos().salesOrder()));
            Optional<SalesOrderValues> shopNow = Optional.empty();
            Optional<String> vat = Optional.empty();
            if (sent.isPresent()) {
                OrderTranslator.Result asSentToday = translator.translate(order);
                shopNow = asSentToday.salesOrder().map(SalesOrderValues::of);
                vat = asSentToday.problems().stream().filter(p -> p.type() == ExceptionType.VAT_MISMATCH).map(OrderProblem::reason)
                        .reduce((a, b) -> a + "; " + b);
            }
            boolean duplicate = open.has(order.orderNumber(), EnumSet.of(ExceptionType.DUPLICATE_IN_KHAOS));
            Map<String, BigDecimal> refunds = sent.isPresent() && ReconciliationProblems.hasPartialRefund(order)
                    ? shopOrders.refundedAmounts(shopId, order.orderId()).orElse(Map.of()) : Map.of();
            lines.add(settledByReturns(order, rule.reconcile(order, new OrderReconciliation.Known(entry, sent, shopNow, duplicate, vat,
                    refunds), now), open));
        }
    }

    /**
     * A refund Khaos holds as customer returns: every refunded payment as the shop has it now asked for its return (or a
     * person made one), every return taken (its return download acknowledged), and no refund problem open (one whose
     * lines a person must pick keeps it open): settled in Khaos. A refund the night sees before order-sync did is not.
     */
    private ReconciliationLine settledByReturns(ShopOrder order, ReconciliationLine line, Open open) {
        if (!line.has(ReconciliationReason.REFUNDED_IN_SHOP) || open.has(line.orderNumber(), EnumSet.of(ExceptionType.REFUNDED_IN_SHOP))) {
            return line;
        }
        List<CustomerReturn> made = returns.forOrder(line.orderId()).stream().filter(r -> r.cause() != ReturnCause.CANCELLED_IN_SHOP)
                .toList();
        if (made.isEmpty() || made.stream().anyMatch(r -> r.state() != CustomerReturn.State.DOWNLOADED)) {
            return line;
        }
        boolean byAPerson = made.stream().anyMatch(r -> r.cause() == ReturnCause.PICKED_BY_PERSON);
        boolean everyRefundAsked = order.payments().stream().filter(p -> p.state().isRefund())
                .allMatch(p -> made.stream().anyMatch(r -> r.requestedBy().startsWith(RefundReturns.asking(p))));
        if (!everyRefundAsked && !byAPerson) {
            return line;
        }
        return line.settled(ReconciliationReason.REFUNDED_IN_SHOP, "Khaos took customer return " + made.stream()
                .map(CustomerReturn::associatedRef).collect(Collectors.joining(", ")) + ", its credit for the refund");
    }

    /**
     * The line with the problems that say so: those already open for the order, else the reconciliation's own (raised,
     * kept, or left resolved when a person resolved the same reasons); the reconciliation's own is resolved once nothing
     * it said is left.
     */
    private ReconciliationLine link(ReconciliationLine line, Open open, Instant now) {
        List<String> ids = new ArrayList<>();
        List<ReconciliationLine.Finding> unsaid = new ArrayList<>();
        List<ReconciliationLine.Finding> refunds = new ArrayList<>();
        for (ReconciliationLine.Finding finding : line.findings()) {
            if (finding.settled() && finding.reason() == ReconciliationReason.REFUNDED_IN_SHOP) {
                // the refund's problem, resolved when Khaos took its return, is the line's record of it
                String refund = ExceptionRecord.idFor(ExceptionType.REFUNDED_IN_SHOP, line.orderNumber());
                if (!ids.contains(refund)) {
                    ids.add(refund);
                }
                continue;
            }
            if (!finding.needsAPerson()) {
                continue;
            }
            if (finding.reason() == ReconciliationReason.REFUNDED_IN_SHOP) {
                // always kept current: a further refund, or an amount known since, says more than the open one
                refunds.add(finding);
                continue;
            }
            List<String> saying = open.ids(line.orderNumber(), finding.reason().saidAlreadyBy());
            if (!saying.isEmpty()) {
                saying.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            } else {
                unsaid.add(finding);
            }
        }
        if (!refunds.isEmpty()) {
            ids.add(keep(ExceptionType.REFUNDED_IN_SHOP, line, refunds, open, now));
        }
        String ownId = ExceptionRecord.idFor(ExceptionType.RECONCILIATION_DIFFERENCE, line.orderNumber());
        if (!unsaid.isEmpty()) {
            ids.add(keep(ExceptionType.RECONCILIATION_DIFFERENCE, line, unsaid, open, now));
        } else if (open.isOpen(ownId)) {
            exceptions.resolve(ownId, RESOLVER + " (order " + line.orderNumber() + " agrees now, or another problem says it)", now);
        }
        return line.withExceptions(ids);
    }

    /**
     * Links every line, in the report's order. A night with many lines needing a person (the first night after webhooks
     * were lost, say) is a conditional write or two per line: those go {@value #LINK_THREADS} at a time.
     */
    private List<ReconciliationLine> linkAll(List<ReconciliationLine> lines, Open open, Instant now) {
        if (lines.stream().filter(ReconciliationLine::needsAPerson).count() <= PARALLEL_FROM) {
            return lines.stream().map(l -> link(l, open, now)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(LINK_THREADS);
        try {
            List<Future<ReconciliationLine>> done = new ArrayList<>();
            lines.forEach(l -> done.add(pool.submit(() -> link(l, open, now))));
            List<ReconciliationLine> linked = new ArrayList<>(lines.size());
            for (Future<ReconciliationLine> f : done) {
                linked.add(result(f));
            }
            return linked;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ReconciliationLine result(Future<ReconciliationLine> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keeping the night's problems", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Raises the reconciliation's own problem unless it says the same already, or a person resolved the same reasons. */
    private String keep(ExceptionType type, ReconciliationLine line, List<ReconciliationLine.Finding> findings, Open open,
                        Instant now) {
        ReconciliationProblems.keep(exceptions, open.record(ExceptionRecord.idFor(type, line.orderNumber())), type, line.orderNumber(),
                line.currency(), line.shopGross(), line.sentGross(), findings, now);
        return ExceptionRecord.idFor(type, line.orderNumber());
    }

    /** A day that has not begun in London cannot be reconciled. */
    public static final class DayNotStartedException extends com.shopkhaos.model.exceptionledger.RefusedRequestException {
        public DayNotStartedException(LocalDate date) {
            super("the business day " + date + " has not begun in Europe/London yet");
        }
    }

    /** The open problems about orders, read once per run. */
    private record Open(Map<String, List<ExceptionRecord>> byOrder, Map<String, ExceptionRecord> byId) {
        static Open of(List<ExceptionRecord> open) {
            Map<String, List<ExceptionRecord>> byOrder = new HashMap<>();
            Map<String, ExceptionRecord> byId = new HashMap<>();
            for (ExceptionRecord r : open) {
                if (r.status() == ExceptionStatus.OPEN && r.about() instanceof ExceptionSubject.Order o) {
                    byOrder.computeIfAbsent(o.orderNumber(), k -> new ArrayList<>()).add(r);
                    byId.put(r.id(), r);
                }
            }
            return new Open(byOrder, byId);
        }

        Optional<ExceptionRecord> record(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        List<String> ids(String orderNumber, Set<ExceptionType> types) {
            return byOrder.getOrDefault(orderNumber, List.of()).stream().filter(r -> types.contains(r.type()))
                    .map(ExceptionRecord::id).toList();
        }

        boolean has(String orderNumber, Set<ExceptionType> types) {
            return !ids(orderNumber, types).isEmpty();
        }

        boolean isOpen(String id) {
            return byId.containsKey(id);
        }

        /** Orders the reconciliation itself has an open difference for. */
        List<String> reconciliationsOwn() {
            return byOrder.entrySet().stream().filter(e -> e.getValue().stream()
                    .anyMatch(r -> r.type() == ExceptionType.RECONCILIATION_DIFFERENCE)).map(Map.Entry::getKey).toList();
        }
    }
}
