package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How ops see an exception and an order: the shapes the console's use cases answer with. */
public final class ExceptionViews {
    private final ExceptionLedger exceptions;
    private final OrderLedger ledger;

    /** One exception as listed; {@code orderNumber} is empty unless a retry runs an order's flow again. */
    public record ExceptionSummary(String id, ExceptionType type, String title, String handbook, String subject, String orderNumber,
                                   ExceptionStatus status, String reason, String suggestedAction, Instant createdAt,
                                   Instant lastSeenAt, long occurrences, Instant resolvedAt, String resolvedBy, long ageHours,
                                   boolean retryable) {
    }

    /** An order as ops see it: where it is, its timeline, and its open problems. */
    public record OrderView(String orderId, String orderNumber, String state, String khaosOrderCode, String khaosStatus,
                            Instant createdAt, Instant updatedAt, List<TimelineEntry> timeline, List<ExceptionSummary> openExceptions) {
    }

    public ExceptionViews(ExceptionLedger exceptions, OrderLedger ledger) {
        this.exceptions = exceptions;
        this.ledger = ledger;
    }

    /** A flow can run again for it: its order's, or its stock code's; anything else only a person can deal with. */
    static boolean retryable(ExceptionRecord e) {
        return !(e.about() instanceof ExceptionSubject.Other);
    }

    /** The order whose flow a retry runs again, if it is about one. */
    static Optional<String> orderNumberOf(ExceptionRecord e) {
        return e.about() instanceof ExceptionSubject.Order order ? Optional.of(order.orderNumber()) : Optional.empty();
    }

    ExceptionSummary summary(ExceptionRecord e, Instant now) {
        return new ExceptionSummary(e.id(), e.type(), e.type().title(), e.type().handbookAnchor(), e.subject(),
                orderNumberOf(e).orElse(""), e.status(), e.reason(), e.suggestedAction(), e.createdAt(), e.lastSeenAt(),
                e.occurrences(), e.resolvedAt(), e.resolvedBy(), Duration.between(e.createdAt(), now).toHours(), retryable(e));
    }

    Optional<OrderLedgerEntry> orderOf(ExceptionRecord e) {
        return orderNumberOf(e).flatMap(ledger::findByRef);
    }

    Optional<OrderView> order(String orderNumber, Instant now) {
        return ledger.findByRef(orderNumber).map(o -> view(o, now));
    }

    OrderView view(OrderLedgerEntry o, Instant now) {
        List<ExceptionSummary> open = new ArrayList<>();
        for (String id : o.exceptionIds()) {
            exceptions.find(id).filter(e -> e.status() == ExceptionStatus.OPEN).ifPresent(e -> open.add(summary(e, now)));
        }
        return new OrderView(o.orderId(), o.orderNumber(), o.state().name(), o.khaos().khaosOrderCode(), o.khaos().khaosStatus(),
                o.createdAt(), o.updatedAt(), o.timeline(), open);
    }
}
