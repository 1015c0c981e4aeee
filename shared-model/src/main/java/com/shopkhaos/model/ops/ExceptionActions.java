package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a person does about an exception: resolve it with a note, or run the flow it stopped again (its order's:
 * order-sync, or the despatch write-back; its stock code's push), one or every open one of a kind. A retry never
 * resolves anything: the flow it runs resolves the problem once its cause is gone. Every action is recorded with who
 * and when.
 */
public final class ExceptionActions {
    private final ExceptionLedger exceptions;
    private final OpsActionLog actions;
    private final OrderRetryService orders;
    private final StockChangePublisher stockChanges;
    private final OrderMappings mappings;
    private final Clock clock;

    /** What an action came to. */
    public enum Outcome {
        /** it was done (resolved) */
        DONE,
        /** the flow was queued to run again */
        QUEUED,
        /** there is no such exception (or order) */
        NOT_FOUND,
        /** nothing can run again for it: resolved already, or only a person can deal with it */
        NOT_RETRYABLE
    }

    /** What an action did, in plain words. */
    public record ActionResult(Outcome outcome, String message) {
        public boolean found() {
            return outcome != Outcome.NOT_FOUND;
        }
    }

    /** A retry of every open exception of a type. */
    public record BulkResult(ExceptionType type, int queued, int notRetryable, List<String> messages) {
    }

    public ExceptionActions(ExceptionLedger exceptions, OpsActionLog actions, OrderRetryService orders,
                            StockChangePublisher stockChanges, OrderMappings mappings, Clock clock) {
        this.exceptions = exceptions;
        this.actions = actions;
        this.orders = orders;
        this.stockChanges = stockChanges;
        this.mappings = mappings;
        this.clock = clock;
    }

    public ActionResult resolve(String id, String note, String by) {
        Instant now = clock.instant();
        Optional<ExceptionRecord> found = exceptions.find(id);
        if (found.isEmpty()) {
            return new ActionResult(Outcome.NOT_FOUND, "no exception " + id);
        }
        exceptions.resolve(id, by, now);
        actions.record(new OpsAction(id, "resolved", by, note, now));
        return new ActionResult(Outcome.DONE, found.get().type().title() + " (" + found.get().subject() + ") marked resolved");
    }

    /** Runs the stopped flow again: the order's (order-sync, or its despatch write-back), or the stock code's push. */
    public ActionResult retry(String id, String by) {
        Optional<ExceptionRecord> found = exceptions.find(id);
        if (found.isEmpty()) {
            return new ActionResult(Outcome.NOT_FOUND, "no exception " + id);
        }
        ExceptionRecord e = found.get();
        Instant now = clock.instant();
        ActionResult result;
        if (e.status() != ExceptionStatus.OPEN) {
            result = new ActionResult(Outcome.NOT_RETRYABLE, e.type().title() + " (" + e.subject() + ") is resolved already");
        } else if (e.about() instanceof ExceptionSubject.StockCode code) {
            result = restock(code.code(), by, now);
        } else if (e.about() instanceof ExceptionSubject.ShopSku sku) {
            result = restock(mappings.current().stockCodeFor(sku.sku()), by, now);
        } else if (e.about() instanceof ExceptionSubject.Order order) {
            OrderRetryService.Answer answer = orders.retry(order.orderNumber(), by);
            result = new ActionResult(switch (answer.outcome()) {
                case QUEUED -> Outcome.QUEUED;
                case NOT_FOUND -> Outcome.NOT_FOUND;
                case NOT_RETRYABLE -> Outcome.NOT_RETRYABLE;
            }, answer.message());
        } else {
            result = new ActionResult(Outcome.NOT_RETRYABLE, e.type().title() + " has no flow to run again: deal with it, then resolve it");
        }
        actions.record(new OpsAction(id, "retry: " + actionWord(result.outcome()), by, result.message(), now));
        return result;
    }

    /** Retries every open exception of a type, each order (or stock code) once however many of them it has. */
    public BulkResult retryAll(ExceptionType type, String by) {
        int queued = 0;
        int refused = 0;
        List<String> messages = new ArrayList<>();
        Set<String> retried = new HashSet<>();
        for (ExceptionRecord e : exceptions.allOpen()) {
            if (e.type() != type || !retried.add(ExceptionViews.orderNumberOf(e).orElse(e.subject()))) {
                continue;
            }
            ActionResult r = retry(e.id(), by);
            if (r.outcome() == Outcome.QUEUED) {
                queued++;
            } else {
                refused++;
                messages.add(e.subject() + ": " + r.message());
            }
        }
        return new BulkResult(type, queued, refused, messages);
    }

    private ActionResult restock(String code, String by, Instant now) {
        stockChanges.changed(List.of(code), "retried by " + by, now);
        return new ActionResult(Outcome.QUEUED, "stock of " + code + " queued to be worked out and written again");
    }

    /** The word the action log has always kept for an outcome. */
    private static String actionWord(Outcome outcome) {
        return switch (outcome) {
            case DONE -> "done";
            case QUEUED -> "queued";
            case NOT_FOUND -> "not-found";
            case NOT_RETRYABLE -> "not-retryable";
        };
    }
}
