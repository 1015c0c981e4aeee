package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ledger.HeldStock;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import com.shopkhaos.model.order.OrderProblem;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationProblems;
import com.shopkhaos.model.returns.RefundReturns;
import com.shopkhaos.model.returns.ReturnRequests;
import com.shopkhaos.model.order.ShopLine;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The order-sync flow for one {@code order-events} message: read the order as the shop has it now (so
 * duplicates and out-of-order webhooks all converge on the same answer), then withdraw it, hold it back
 * with one exception per problem, let it wait for payment, or make it READY for Khaos with the sales order
 * as it will be served. A redelivery changes nothing; a concurrent change to the same order is met by
 * reading it again. Transient failures (the shop or DynamoDB unavailable) are thrown so SQS delivers the
 * message again; bad orders finish normally, in the exception ledger.
 */
public final class OrderSyncService {
    static final String RESOLVER = "order-sync";
    private static final System.Logger LOG = System.getLogger(OrderSyncService.class.getName());

    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final ShopOrders shop;
    private final KhaosCatalogue catalogue;
    private final KhaosStockLevels stock;
    private final InFlightOrders inFlight;
    private final StockChangePublisher stockChanges;
    private final OrderMappings mappings;
    private final SalesOrderFormat format;
    private final OrderTranslationPolicy policy;
    private final ReadinessPolicy readiness;
    private final RefundReturns refundReturns;
    private final Clock clock;

    public OrderSyncService(OrderLedger ledger, ExceptionLedger exceptions, ShopOrders shop, KhaosCatalogue catalogue,
                            KhaosStockLevels stock, InFlightOrders inFlight, StockChangePublisher stockChanges,
                            OrderMappings mappings, SalesOrderFormat format, OrderTranslationPolicy policy,
                            ReadinessPolicy readiness, Clock clock) {
        this(ledger, exceptions, shop, catalogue, stock, inFlight, stockChanges, mappings, format, policy, readiness, RefundReturns.OFF,
                clock);
    }

    /** @param refundReturns what a refund, chargeback or cancellation of an order Khaos has sends back into Khaos */
    public OrderSyncService(OrderLedger ledger, ExceptionLedger exceptions, ShopOrders shop, KhaosCatalogue catalogue,
                            KhaosStockLevels stock, InFlightOrders inFlight, StockChangePublisher stockChanges,
                            OrderMappings mappings, SalesOrderFormat format, OrderTranslationPolicy policy,
                            ReadinessPolicy readiness, RefundReturns refundReturns, Clock clock) {
        this.refundReturns = refundReturns;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.shop = shop;
        this.catalogue = catalogue;
        this.stock = stock;
        this.inFlight = inFlight;
        this.stockChanges = stockChanges;
        this.mappings = mappings;
        this.format = format;
        this.policy = policy;
        this.readiness = readiness;
        this.clock = clock;
    }

    /** Handles one message; answers the order's state afterwards. */
    public OrderState process(OrderEvent event) {
        AtomicBoolean wroteHolds = new AtomicBoolean();
        return ReadAgainOnConflict.run(() -> attempt(event, wroteHolds));
    }

    /**
     * @param wroteHolds whether an earlier attempt of this delivery wrote holds and then lost its ledger write to
     *                   another writer: the record read now may not describe them, so they are written again from this
     *                   attempt's read of the shop (or released, when the other writer withdrew the order)
     */
    private OrderState attempt(OrderEvent event, AtomicBoolean wroteHolds) {
        Optional<OrderLedgerEntry> known = ledger.find(event.orderId());
        if (known.isPresent() && known.get().state() == OrderState.WITHDRAWN) {
            if (wroteHolds.get()) {
                release(known.get(), Optional.of(Map.of()), clock.instant());
            }
            return OrderState.WITHDRAWN;
        }
        if (known.isPresent() && known.get().state().wasHandedOver()) {
            return afterHandover(known.get(), event);
        }
        Optional<ShopOrder> fetched;
        ShopOrderUnreadableException unreadable = null;
        try {
            fetched = shop.fetch(event.shopId(), event.orderId());
        } catch (ShopOrderUnreadableException e) {
            fetched = Optional.empty();
            unreadable = e;
        }
        Instant now = clock.instant();
        OrderLedgerEntry entry = known.orElseGet(() -> firstSeen(event, now));
        if (unreadable != null) {
            return quarantine(entry, label(entry), List.of(new OrderProblem(ExceptionType.ORDER_INVALID, "unreadable",
                    unreadable.getMessage())), event, false, now);
        }
        if (fetched.isEmpty()) {
            return vanished(entry, event, now);
        }
        ShopOrder order = fetched.get();
        entry = entry.withOrderNumber(order.orderNumber());
        if (order.isCancelled()) {
            return withdraw(entry, now, "cancelled in the shop before Khaos downloaded it");
        }
        OrderTranslationPolicy effective = policy.withMappings(mappings.current().skuToStockCode(),
                mappings.current().deliveryMethodToCourier(), mappings.current().promotionToItem());
        HeldStock recorded = entry.heldStock();
        entry = holdStock(entry, order, effective, wroteHolds, now);
        boolean heldChanged = !entry.heldStock().equals(recorded);
        OrderTranslator.Result result = OrderTranslator.translate(order, effective, catalogue::byStockCode, this::availableAtSite);
        if (!result.ready()) {
            return quarantine(entry, order.orderNumber(), result.problems(), event, heldChanged, now);
        }
        if (!readyToSend(order, effective)) {
            return awaitPayment(entry, heldChanged, now);
        }
        return ready(entry, format.write(result.salesOrder().get()), order, heldChanged, now);
    }

    /** What Khaos last reported available at the order's site ({@code KHAOS_SITE} as an id), or over all sites when named. */
    private Optional<BigDecimal> availableAtSite(String stockCode) {
        return stock.availableAt(stockCode, policy.site());
    }

    private OrderLedgerEntry firstSeen(OrderEvent event, Instant now) {
        OrderLedgerEntry entry = OrderLedgerEntry.foundBy(event.shopId(), event.orderId(), event.orderNumber(),
                event.eventId(), "order-sync " + event.type(), "first seen by order-sync, event " + event.eventId(), now);
        ledger.create(entry);
        return entry;
    }

    private boolean readyToSend(ShopOrder order, OrderTranslationPolicy effective) {
        return readiness == ReadinessPolicy.ON_PLACED || order.isPaidOrAuthorized()
                || order.payments().stream().anyMatch(p -> effective.isAccountPaymentMethod(p.methodTechnicalName()));
    }

    /**
     * Khaos downloaded it: the shop can no longer change what Khaos has, so a cancellation or an edit in the shop is
     * put to a person. A cancellation comes by its webhook (or the sweep); an edit (Shopware fires no event for it)
     * is found by the sweep, which hands every order that changed in the shop to this check again.
     */
    private OrderState afterHandover(OrderLedgerEntry entry, OrderEvent event) {
        if (entry.state() == OrderState.CANCELLED) {
            return entry.state();
        }
        boolean recheck = event.type() == OrderEventType.FOUND_BY_SWEEP || event.type() == OrderEventType.RETRY_REQUESTED;
        boolean refunded = event.type() == OrderEventType.PAYMENT_REFUNDED;
        if (event.type() != OrderEventType.ORDER_CANCELLED && !recheck && !refunded) {
            return entry.state();
        }
        Optional<ShopOrder> order;
        try {
            order = shop.fetch(event.shopId(), event.orderId());
        } catch (ShopOrderUnreadableException e) {
            LOG.log(Level.WARNING, "order " + entry.orderNumber() + " could not be read again after Khaos took it: " + e.getMessage());
            return entry.state();
        }
        if (order.isPresent() && (refunded || recheck)) {
            entry = refundsToFinance(entry, order.get());
        }
        if (order.isPresent() && !order.get().isCancelled()) {
            return recheck ? compareWithSent(entry, order.get()) : entry.state();
        }
        String id = ExceptionRecord.idFor(ExceptionType.CANCELLED_AFTER_DOWNLOAD, entry.orderNumber());
        if (exceptions.find(id).isPresent()) {
            return entry.state();
        }
        // goods that left the warehouse come back as a return (asked once: the same request again makes nothing new)
        Optional<String> goodsBack = refundReturns.afterCancellation(entry.orderId()).map(RefundReturns.Said::words);
        Instant now = clock.instant();
        exceptions.raise(ExceptionRecord.open(ExceptionType.CANCELLED_AFTER_DOWNLOAD, ExceptionSubject.order(entry.orderNumber()),
                "order " + entry.orderNumber() + (order.isPresent() ? " was cancelled" : " was deleted")
                        + " in the shop after Khaos downloaded it (now " + entry.state() + " in Khaos"
                        + (entry.khaos().khaosOrderCode().isEmpty() ? "" : " as " + entry.khaos().khaosOrderCode()) + ")"
                        + goodsBack.map(g -> "; " + g).orElse(""),
                "", now));
        ledger.update(entry.noted("cancelled in the shop", "after Khaos downloaded it: cancel it in Khaos by hand"
                + goodsBack.map(g -> "; " + g).orElse(""), now));
        LOG.log(Level.WARNING, "order " + entry.orderNumber() + " cancelled in the shop after Khaos downloaded it");
        return entry.state();
    }

    /**
     * A refund or chargeback in the shop of an order Khaos has goes to finance at once ({@code REFUNDED_IN_SHOP}, with
     * the amount where the shop's state gives it), not at the night's reconciliation, which finds the same problem and
     * adds nothing; the order's timeline says so. Answers the entry as it is now.
     */
    private OrderLedgerEntry refundsToFinance(OrderLedgerEntry entry, ShopOrder order) {
        Map<String, BigDecimal> recorded = ReconciliationProblems.hasPartialRefund(order)
                ? shop.refundedAmounts(entry.shopId(), order.orderId()).orElse(Map.of()) : Map.of();
        List<ReconciliationLine.Finding> refunds = ReconciliationProblems.refunds(order, recorded);
        if (refunds.isEmpty()) {
            return entry;
        }
        // asked every time (the same refund again makes nothing new), so a failure here is retried with the message;
        // finance hears of the refund first, whatever becomes of the return
        Optional<RefundReturns.Said> goodsBack;
        try {
            goodsBack = refundReturns.afterRefund(entry.shopId(), entry.orderId(), order);
        } catch (ReturnRequests.ReturnRaceException e) {
            throw e;
        } catch (RuntimeException e) {
            financeHears(entry, order, refunds, Optional.empty());
            throw e;
        }
        return financeHears(entry, order, refunds, goodsBack);
    }

    /** Raises (or keeps) the refund problem with what became of the goods, and says so on the timeline once. */
    private OrderLedgerEntry financeHears(OrderLedgerEntry entry, ShopOrder order, List<ReconciliationLine.Finding> found,
                                         Optional<RefundReturns.Said> goodsBack) {
        List<ReconciliationLine.Finding> refunds = goodsBack.map(said -> found.stream().map(f -> new ReconciliationLine.Finding(
                f.reason(), f.detail() + "; " + said.words(), f.amount())).toList()).orElse(found);
        boolean returnMade = goodsBack.map(RefundReturns.Said::returnMade).orElse(false);
        Instant now = clock.instant();
        BigDecimal sent = format.values(entry.khaos().salesOrder()).map(SalesOrderValues::grossTotal).orElse(BigDecimal.ZERO);
        if (!ReconciliationProblems.keep(exceptions, ExceptionType.REFUNDED_IN_SHOP, entry.orderNumber(), order.currency(),
                order.amountTotal(), sent, refunds, now)) {
            return entry;
        }
        OrderLedgerEntry noted = entry.noted("refunded in the shop", String.join("; ", refunds.stream()
                .map(ReconciliationLine.Finding::detail).toList()) + (returnMade ? "" : ": finance raises the credit note in Khaos"), now);
        ledger.update(noted);
        LOG.log(Level.WARNING, "order " + entry.orderNumber() + " refunded in the shop after Khaos took it");
        return noted;
    }

    /**
     * The shop's order now against what Khaos was sent: each difference (lines, quantities, prices, delivery, total) is
     * one {@code CHANGED_AFTER_KHAOS_IMPORT} for a person, kept current as the order changes, and resolved when the
     * shop's order is back to what Khaos has. Translated with today's mappings; stock is not checked again (Khaos has
     * the order's units allocated already).
     */
    private OrderState compareWithSent(OrderLedgerEntry entry, ShopOrder order) {
        Optional<SalesOrderValues> sent = format.values(entry.khaos().salesOrder());
        if (sent.isEmpty()) {
            return entry.state();
        }
        OrderTranslator.Result result = new OrderAsItWouldBeSent(policy, mappings, catalogue).translate(order);
        List<String> differences;
        if (result.ready()) {
            differences = SalesOrderValues.of(result.salesOrder().get()).differencesFrom(sent.get());
        } else {
            differences = new ArrayList<>(List.of("the order as it is now cannot be sent: " + String.join("; ",
                    result.problems().stream().map(OrderProblem::reason).toList())));
            if (order.amountTotal().compareTo(sent.get().grossTotal()) != 0) {
                differences.add("total " + sent.get().grossTotal().toPlainString() + " → " + order.amountTotal().toPlainString());
            }
        }
        Instant now = clock.instant();
        String id = ExceptionRecord.idFor(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, entry.orderNumber());
        Optional<ExceptionRecord> open = exceptions.find(id).filter(r -> r.status() == ExceptionStatus.OPEN);
        if (differences.isEmpty()) {
            if (open.isPresent()) {
                exceptions.resolve(id, RESOLVER + " (the shop's order is back to what Khaos has)", now);
                ledger.update(entry.noted("back as sent", "the shop's order matches what Khaos has again", now));
            }
            return entry.state();
        }
        String reason = "order " + entry.orderNumber() + " was changed in the shop after Khaos took it"
                + (entry.khaos().khaosOrderCode().isEmpty() ? "" : " (Khaos " + entry.khaos().khaosOrderCode() + ")") + ": "
                + String.join("; ", differences);
        if (open.isPresent() && open.get().reason().equals(reason)) {
            return entry.state();
        }
        exceptions.raise(ExceptionRecord.open(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT, ExceptionSubject.order(entry.orderNumber()),
                reason, "", now));
        ledger.update(entry.noted("changed in the shop", String.join("; ", differences) + ": change it in Khaos by hand", now));
        LOG.log(Level.WARNING, "order " + entry.orderNumber() + " changed in the shop after Khaos took it: " + differences.size()
                + " difference(s)");
        return entry.state();
    }

    private OrderState vanished(OrderLedgerEntry entry, OrderEvent event, Instant now) {
        // without an order number there is no order to run again: the shop's id is kept for a person
        ExceptionSubject subject = entry.orderNumber().isEmpty() ? ExceptionSubject.other(event.orderId())
                : ExceptionSubject.order(entry.orderNumber());
        exceptions.raise(ExceptionRecord.open(ExceptionType.ORDER_NOT_FOUND, subject,
                "the shop has no order " + event.orderId() + " (told by " + event.type() + "); nothing was sent to Khaos",
                "", now));
        return withdraw(entry, now, "the shop no longer has the order");
    }

    /**
     * The shop took the order's quantities off its own stock when it was placed; until Khaos's figures include the
     * order, they are in flight (held whatever the order's state: quarantined and unpaid ones too). The change is sent
     * after the holds are stored, and the entry answered records them; they count as sent only once that entry is
     * written, after the queue took the change: a redelivery before then stores and sends them again. An order whose
     * holds are as recorded costs no call here; a change reads the holds as stored too ({@link InFlightOrders#hold}).
     * After this delivery lost its ledger write, the record read again may be another writer's, made from another read
     * of the shop, while this delivery's own writes may have landed after that writer's: the holds are written again
     * from this attempt's read.
     */
    private OrderLedgerEntry holdStock(OrderLedgerEntry entry, ShopOrder order, OrderTranslationPolicy effective,
                                       AtomicBoolean wroteHolds, Instant now) {
        Map<String, Integer> quantities = new TreeMap<>();
        order.lines().stream().filter(l -> l.kind() == ShopLine.LineKind.PRODUCT && l.productKnown() && !l.sku().isEmpty()
                        && l.quantity() > 0)
                .forEach(l -> quantities.merge(effective.stockCodeFor(l.sku()), l.quantity(), Integer::sum));
        HeldStock held = HeldStock.of(quantities);
        if (!wroteHolds.get() && held.equals(entry.heldStock())) {
            return entry;
        }
        Optional<Map<String, Integer>> before = wroteHolds.get() ? Optional.empty() : entry.heldStock().recorded();
        wroteHolds.set(true);
        Set<String> changed = inFlight.hold(order.orderId(), order.orderNumber(), before, quantities, now);
        stockChanges.shopChanged(changed, "order " + order.orderNumber() + " placed", now);
        return entry.withHeldStock(held);
    }

    private OrderState withdraw(OrderLedgerEntry entry, Instant now, String reason) {
        release(entry, entry.heldStock().recorded(), now);
        resolveAll(entry.exceptionIds(), now);
        ledger.update(entry.withHeldStock(HeldStock.NONE).moveTo(OrderState.WITHDRAWN, now, reason));
        LOG.log(Level.INFO, "order " + label(entry) + " WITHDRAWN: " + reason);
        return OrderState.WITHDRAWN;
    }

    /**
     * Gives the order's held units back (those {@code before} records, and any the holds as stored name besides) and
     * queues the change: the shop has them on sale again.
     */
    private void release(OrderLedgerEntry entry, Optional<Map<String, Integer>> before, Instant now) {
        Set<String> released = inFlight.release(entry.orderId(), entry.orderNumber(), before, now);
        stockChanges.shopChanged(released, "order " + label(entry) + " withdrawn", now);
    }

    /**
     * The order stays as it is, but for the stock it holds, changed since the entry was written: the change is on the
     * queue, so the new holds are recorded (else the next delivery would store and send them again).
     */
    private OrderState unchanged(OrderLedgerEntry entry, boolean heldChanged, Instant now) {
        if (heldChanged) {
            ledger.update(entry.noted("stock held", entry.heldStock().describe(), now));
        }
        return entry.state();
    }

    private OrderState quarantine(OrderLedgerEntry entry, String orderNumber, List<OrderProblem> problems, OrderEvent event,
                                  boolean heldChanged, Instant now) {
        List<String> ids = problems.stream().map(p -> ExceptionRecord.idFor(p.type(), p.subject(orderNumber))).toList();
        boolean retry = event.type() == OrderEventType.RETRY_REQUESTED;
        if (entry.state() == OrderState.QUARANTINED && Set.copyOf(ids).equals(Set.copyOf(entry.exceptionIds()))
                && !retry && allOpen(ids)) {
            return unchanged(entry, heldChanged, now);
        }
        Set<String> stale = new HashSet<>(entry.exceptionIds());
        ids.forEach(stale::remove);
        resolveAll(stale, now);
        String reason = problems.size() + " problem(s): " + String.join("; ",
                problems.stream().map(p -> p.type() + " " + p.key()).toList());
        // the ledger first: of two deliveries racing for the same order only one gets past this conditional write, so
        // each problem is counted once; a crash before the raise is repaired by the next delivery (allOpen above)
        ledger.update(entry.quarantined(ids, now, (retry ? "retried, still " : "") + reason));
        for (OrderProblem p : problems) {
            exceptions.raise(p.raised(orderNumber, now));
        }
        LOG.log(Level.INFO, "order " + orderNumber + " QUARANTINED: " + reason);
        return OrderState.QUARANTINED;
    }

    private boolean allOpen(List<String> ids) {
        return ids.stream().allMatch(id -> exceptions.find(id).map(r -> r.status() == ExceptionStatus.OPEN).orElse(false));
    }

    private OrderState awaitPayment(OrderLedgerEntry entry, boolean heldChanged, Instant now) {
        if (entry.state() == OrderState.AWAITING_PAYMENT || entry.state() == OrderState.READY) {
            return unchanged(entry, heldChanged, now);
        }
        resolveAll(entry.exceptionIds(), now);
        ledger.update(entry.moveTo(OrderState.AWAITING_PAYMENT, now, "valid; waits for the payment (ORDER_READY_ON=paid)"));
        return OrderState.AWAITING_PAYMENT;
    }

    private OrderState ready(OrderLedgerEntry entry, String salesOrder, ShopOrder order, boolean heldChanged, Instant now) {
        if (entry.state() == OrderState.READY) {
            if (!entry.khaos().salesOrder().equals(salesOrder)) {
                ledger.update(entry.withKhaos(entry.khaos().withSalesOrder(salesOrder), now, "order changed in the shop",
                        "the sales order for Khaos was rebuilt"));
                return OrderState.READY;
            }
            return unchanged(entry, heldChanged, now);
        }
        resolveAll(entry.exceptionIds(), now);
        ledger.update(entry.ready(salesOrder, now, "checked: " + order.lines().size() + " line(s), total "
                + order.amountTotal().toPlainString() + " " + order.currency()));
        LOG.log(Level.INFO, "order " + order.orderNumber() + " READY for Khaos");
        return OrderState.READY;
    }

    private void resolveAll(Iterable<String> ids, Instant now) {
        for (String id : ids) {
            exceptions.resolve(id, RESOLVER, now);
        }
    }

    private static String label(OrderLedgerEntry entry) {
        return entry.orderNumber().isEmpty() ? entry.orderId() : entry.orderNumber();
    }
}
