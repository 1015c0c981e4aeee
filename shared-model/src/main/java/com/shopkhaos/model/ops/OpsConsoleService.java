package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ops console's questions and actions over the exception ledger: which problems are open (filtered, searched,
 * newest first, a page at a time), one problem with its order's timeline and what people did about it, resolving it
 * with a note, retrying the flow it stopped (for its order, or its stock code), and retrying every open one of a type.
 * Every action is recorded with who and when.
 */
public final class OpsConsoleService {
    /** Problems about a stock code or shop SKU: a retry works the stock figure out again and writes it. */
    static final Set<ExceptionType> STOCK = EnumSet.of(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, ExceptionType.STOCK_FOR_UNKNOWN_CODE,
            ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, ExceptionType.WEB_ITEM_NOT_IN_SHOP,
            ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, ExceptionType.STOCK_PUSH_REFUSED);
    /** Stock problems about a shop SKU (the others name a Khaos stock code). */
    static final Set<ExceptionType> SKU_SUBJECTS = EnumSet.of(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS,
            ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, ExceptionType.STOCK_PUSH_REFUSED);
    /** Problems no flow can run again for: a person deals with them and resolves them. */
    static final Set<ExceptionType> NOT_RETRYABLE = EnumSet.of(ExceptionType.WEBHOOK_UNREADABLE, ExceptionType.WEBHOOK_WITHOUT_EVENT_ID,
            ExceptionType.KHAOS_UPLOAD_UNREADABLE, ExceptionType.UNKNOWN_TAX_RATE_CODE, ExceptionType.WEBHOOKS_MISSING,
            ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER);

    /** One exception as listed. */
    public record ExceptionSummary(String id, ExceptionType type, String title, String handbook, String subject, String orderNumber,
                                   ExceptionStatus status, String reason, String suggestedAction, Instant createdAt,
                                   Instant lastSeenAt, long occurrences, Instant resolvedAt, String resolvedBy, long ageHours,
                                   boolean retryable) {
    }

    /** A page of the list. */
    public record ExceptionPage(List<ExceptionSummary> items, int total, int page, int size) {
    }

    /** An order as ops see it: where it is, its timeline, and its open problems. */
    public record OrderView(String orderId, String orderNumber, String state, String khaosOrderCode, String khaosStatus,
                            Instant createdAt, Instant updatedAt, List<TimelineEntry> timeline, List<ExceptionSummary> openExceptions) {
    }

    /** One exception in full. */
    public record ExceptionDetail(ExceptionSummary exception, String evidence, Optional<OrderView> order, List<OpsAction> actions,
                                  List<String> suggestions) {
    }

    /** What an action did: {@code done}, {@code queued}, {@code not-found}, {@code not-retryable}. */
    public record ActionResult(String outcome, String message) {
        public boolean found() {
            return !outcome.equals("not-found");
        }
    }

    /** A mapping saved, with the open exceptions it may cure (the console offers to retry them). */
    public record MappingSaved(String kind, String key, String value, List<ExceptionSummary> mayCure) {
    }

    /** A mapping a person got wrong, said plainly. */
    public static final class BadMappingException extends IllegalArgumentException {
        public BadMappingException(String message) {
            super(message);
        }
    }

    /** A retry of every open exception of a type. */
    public record BulkResult(ExceptionType type, int queued, int notRetryable, List<String> messages) {
    }

    private final ExceptionLedger exceptions;
    private final OrderLedger ledger;
    private final OpsActionLog actions;
    private final OrderRetryService orders;
    private final StockChangePublisher stockChanges;
    private final OrderMappings mappings;
    private final Clock clock;
    private final com.shopkhaos.model.khaos.KhaosCatalogue catalogue;
    private final java.util.Collection<String> couriers;
    private volatile List<String> codes = List.of();
    private volatile Instant codesReadAt = Instant.EPOCH;

    public OpsConsoleService(ExceptionLedger exceptions, OrderLedger ledger, OpsActionLog actions, OrderRetryService orders,
                             StockChangePublisher stockChanges, OrderMappings mappings, Clock clock) {
        this(exceptions, ledger, actions, orders, stockChanges, mappings, clock, null, List.of());
    }

    /**
     * @param catalogue where unknown SKUs look for their nearest stock codes (read at most every 5 minutes)
     * @param couriers  the Khaos couriers known (configured and mapped), for unmapped delivery methods
     */
    public OpsConsoleService(ExceptionLedger exceptions, OrderLedger ledger, OpsActionLog actions, OrderRetryService orders,
                             StockChangePublisher stockChanges, OrderMappings mappings, Clock clock,
                             com.shopkhaos.model.khaos.KhaosCatalogue catalogue, java.util.Collection<String> couriers) {
        this.catalogue = catalogue;
        this.couriers = List.copyOf(couriers);
        this.exceptions = exceptions;
        this.ledger = ledger;
        this.actions = actions;
        this.orders = orders;
        this.stockChanges = stockChanges;
        this.mappings = mappings;
        this.clock = clock;
    }

    public ExceptionPage list(ExceptionQuery query) {
        Instant now = clock.instant();
        List<ExceptionRecord> all = new ArrayList<>();
        if (query.status().isEmpty() || query.status().get() == ExceptionStatus.OPEN) {
            all.addAll(exceptions.inStatus(ExceptionStatus.OPEN));
        }
        if (query.status().isEmpty() || query.status().get() == ExceptionStatus.RESOLVED) {
            all.addAll(exceptions.inStatus(ExceptionStatus.RESOLVED));
        }
        List<ExceptionRecord> matching = all.stream()
                .filter(e -> query.types().isEmpty() || query.types().contains(e.type()))
                .filter(e -> query.olderThan().map(d -> !e.createdAt().isAfter(now.minus(d))).orElse(true))
                .filter(e -> query.newerThan().map(d -> e.createdAt().isAfter(now.minus(d))).orElse(true))
                .filter(e -> query.search().isEmpty() || matches(e, query.search()))
                .sorted(Comparator.comparing(ExceptionRecord::lastSeenAt).reversed().thenComparing(ExceptionRecord::id))
                .toList();
        int from = Math.min(matching.size(), (query.page() - 1) * query.size());
        int to = Math.min(matching.size(), from + query.size());
        return new ExceptionPage(matching.subList(from, to).stream().map(e -> summary(e, now)).toList(), matching.size(),
                query.page(), query.size());
    }

    public Optional<ExceptionDetail> exception(String id) {
        Instant now = clock.instant();
        return exceptions.find(id).map(e -> new ExceptionDetail(summary(e, now), e.evidence(), orderOf(e).map(o -> view(o, now)),
                actions.forSubject(id), suggestions(e, now)));
    }

    /** Likely fixes for a person to consider: nearest stock codes for an unknown SKU, a courier for a delivery method. */
    List<String> suggestions(ExceptionRecord e, Instant now) {
        String what = e.subject().contains(":") ? e.subject().substring(e.subject().indexOf(':') + 1) : e.subject();
        if (e.type() == ExceptionType.UNKNOWN_SKU || e.type() == ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS) {
            return FixSuggestions.nearest(what, stockCodes(now), 3).stream()
                    .map(code -> "map SKU " + what + " to Khaos stock code " + code).toList();
        }
        if (e.type() == ExceptionType.UNMAPPED_DELIVERY_METHOD) {
            String method = what.startsWith("delivery-") ? what.substring("delivery-".length()) : what;
            List<String> known = new ArrayList<>(couriers);
            known.addAll(mappings.current().deliveryMethodToCourier().values());
            return FixSuggestions.nearest(method, known, 2).stream()
                    .map(courier -> "map delivery method " + method + " to Khaos courier " + courier).toList();
        }
        return List.of();
    }

    private List<String> stockCodes(Instant now) {
        if (catalogue == null) {
            return List.of();
        }
        if (codesReadAt.plus(Duration.ofMinutes(5)).isBefore(now)) {
            List<String> read = new ArrayList<>();
            String after = "";
            for (int pages = 0; pages < 1000; pages++) {
                List<com.shopkhaos.model.khaos.CatalogueItem> page = catalogue.page(after, 500);
                page.forEach(i -> read.add(i.stockCode()));
                if (page.size() < 500) {
                    break;
                }
                after = page.get(page.size() - 1).stockId();
            }
            codes = List.copyOf(read);
            codesReadAt = now;
        }
        return codes;
    }

    public Optional<OrderView> order(String orderNumber) {
        Instant now = clock.instant();
        return ledger.findByRef(orderNumber).map(o -> view(o, now));
    }

    public ActionResult resolve(String id, String note, String by) {
        Instant now = clock.instant();
        Optional<ExceptionRecord> found = exceptions.find(id);
        if (found.isEmpty()) {
            return new ActionResult("not-found", "no exception " + id);
        }
        exceptions.resolve(id, by, now);
        actions.record(new OpsAction(id, "resolved", by, note, now));
        return new ActionResult("done", found.get().type().title() + " (" + found.get().subject() + ") marked resolved");
    }

    /** Runs the stopped flow again: the order's (order-sync, or its despatch write-back), or the stock code's push. */
    public ActionResult retry(String id, String by) {
        Optional<ExceptionRecord> found = exceptions.find(id);
        if (found.isEmpty()) {
            return new ActionResult("not-found", "no exception " + id);
        }
        ExceptionRecord e = found.get();
        Instant now = clock.instant();
        ActionResult result;
        if (e.status() != ExceptionStatus.OPEN) {
            result = new ActionResult("not-retryable", e.type().title() + " (" + e.subject() + ") is resolved already");
        } else if (!retryable(e)) {
            result = new ActionResult("not-retryable", e.type().title() + " has no flow to run again: deal with it, then resolve it");
        } else if (STOCK.contains(e.type())) {
            String code = SKU_SUBJECTS.contains(e.type()) ? mappings.current().stockCodeFor(e.subject()) : e.subject();
            stockChanges.changed(List.of(code), "retried by " + by, now);
            result = new ActionResult("queued", "stock of " + code + " queued to be worked out and written again");
        } else {
            OrderRetryService.Answer answer = orders.retry(orderNumberOf(e), by);
            result = new ActionResult(switch (answer.outcome()) {
                case QUEUED -> "queued";
                case NOT_FOUND -> "not-found";
                case NOT_RETRYABLE -> "not-retryable";
            }, answer.message());
        }
        actions.record(new OpsAction(id, "retry: " + result.outcome(), by, result.message(), now));
        return result;
    }

    public BulkResult retryAll(ExceptionType type, String by) {
        int queued = 0;
        int refused = 0;
        List<String> messages = new ArrayList<>();
        Set<String> retried = new java.util.HashSet<>();
        for (ExceptionRecord e : exceptions.inStatus(ExceptionStatus.OPEN)) {
            if (e.type() != type) {
                continue;
            }
            // one retry per order (or stock code), however many of its problems are of this kind
            String flow = STOCK.contains(e.type()) || !retryable(e) ? e.subject() : orderNumberOf(e);
            if (!retried.add(flow)) {
                continue;
            }
            ActionResult r = retry(e.id(), by);
            if (r.outcome().equals("queued")) {
                queued++;
            } else {
                refused++;
                messages.add(e.subject() + ": " + r.message());
            }
        }
        return new BulkResult(type, queued, refused, messages);
    }

    /** Open problems per kind (how many, the oldest's age in hours) and new problems per day, the last 14 days. */
    public record Summary(java.util.Map<String, KindSummary> openByKind, java.util.Map<String, Integer> newPerDay, int open) {
    }

    /** One kind of problem, open. */
    public record KindSummary(String title, int open, long oldestHours) {
    }

    public Summary summary() {
        Instant now = clock.instant();
        java.util.Map<String, KindSummary> byKind = new java.util.TreeMap<>();
        List<ExceptionRecord> open = exceptions.inStatus(ExceptionStatus.OPEN);
        for (ExceptionRecord e : open) {
            long age = Duration.between(e.createdAt(), now).toHours();
            byKind.merge(e.type().name(), new KindSummary(e.type().title(), 1, age),
                    (a, b) -> new KindSummary(a.title(), a.open() + 1, Math.max(a.oldestHours(), b.oldestHours())));
        }
        java.util.Map<String, Integer> perDay = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        java.time.LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        for (int d = 0; d < 14; d++) {
            perDay.put(today.minusDays(d).toString(), 0);
        }
        List<ExceptionRecord> all = new ArrayList<>(open);
        all.addAll(exceptions.inStatus(ExceptionStatus.RESOLVED));
        for (ExceptionRecord e : all) {
            perDay.computeIfPresent(e.createdAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString(), (k, v) -> v + 1);
        }
        return new Summary(byKind, perDay, open.size());
    }

    /** The mappings in force. */
    public OrderMappings.Overrides mappings() {
        return mappings.current();
    }

    /**
     * Saves a mapping a person made (SKU → stock code, delivery method → courier, stock code → buffer rule, Khaos
     * courier → shop shipping method, promotion code or scope → Khaos non-stock item) and answers the open exceptions it may cure. A new buffer is applied to the
     * code's stock straight away.
     */
    public MappingSaved saveMapping(String kind, String key, String value, String by) {
        String k = kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT);
        String name = key == null ? "" : key.strip();
        String v = value == null ? "" : value.strip();
        if (!Set.of("SKU", "COURIER", "BUFFER", "SHIPPING_METHOD", "PROMOTION").contains(k)) {
            throw new BadMappingException("a mapping is SKU, COURIER, BUFFER, SHIPPING_METHOD or PROMOTION, not \"" + kind + "\"");
        }
        if (name.isEmpty() || name.length() > 100 || v.isEmpty() || v.length() > 100) {
            throw new BadMappingException("give the key and the value (each 1 to 100 characters)");
        }
        if (k.equals("BUFFER")) {
            try {
                com.shopkhaos.model.stock.BufferRule.parse(v, "the buffer for " + name);
            } catch (IllegalArgumentException e) {
                throw new BadMappingException(e.getMessage());
            }
        }
        Instant now = clock.instant();
        mappings.put(k, name, v);
        actions.record(new OpsAction("mapping#" + k + "#" + name, "mapped to " + v, by, "", now));
        if (k.equals("BUFFER")) {
            stockChanges.changed(List.of(name), "buffer changed by " + by, now);
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        Set<ExceptionType> cured = switch (k) {
            case "SKU" -> EnumSet.of(ExceptionType.UNKNOWN_SKU, ExceptionType.DELETED_ITEM, ExceptionType.DISCONTINUED_ITEM,
                    ExceptionType.RUN_TO_ZERO_OUT_OF_STOCK, ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS);
            case "COURIER" -> EnumSet.of(ExceptionType.UNMAPPED_DELIVERY_METHOD);
            case "PROMOTION" -> EnumSet.of(ExceptionType.UNMAPPED_PROMOTION);
            default -> EnumSet.noneOf(ExceptionType.class);
        };
        List<ExceptionSummary> mayCure = exceptions.inStatus(ExceptionStatus.OPEN).stream()
                .filter(e -> cured.contains(e.type()))
                .filter(e -> {
                    String subject = e.subject().toLowerCase(java.util.Locale.ROOT);
                    String reason = e.reason().toLowerCase(java.util.Locale.ROOT);
                    return subject.equals(lower) || subject.endsWith(":" + lower) || subject.endsWith("-" + lower)
                            || reason.contains("sku " + lower) || reason.contains("discounts the " + lower + ",");
                })
                .map(e -> summary(e, now)).toList();
        return new MappingSaved(k, name, v, mayCure);
    }

    private static boolean matches(ExceptionRecord e, String search) {
        return e.subject().toLowerCase(java.util.Locale.ROOT).contains(search) || e.reason().toLowerCase(java.util.Locale.ROOT).contains(search);
    }

    private ExceptionSummary summary(ExceptionRecord e, Instant now) {
        return new ExceptionSummary(e.id(), e.type(), e.type().title(), e.type().handbookAnchor(), e.subject(),
                STOCK.contains(e.type()) || !retryable(e) ? "" : orderNumberOf(e), e.status(), e.reason(),
                e.suggestedAction(), e.createdAt(), e.lastSeenAt(), e.occurrences(), e.resolvedAt(), e.resolvedBy(),
                Duration.between(e.createdAt(), now).toHours(), retryable(e));
    }

    /** A flow can run again for it: not a kind only a person can deal with, unless it holds an order ({@code 10042:…}). */
    static boolean retryable(ExceptionRecord e) {
        return !NOT_RETRYABLE.contains(e.type()) || (e.type() == ExceptionType.UNKNOWN_TAX_RATE_CODE && e.subject().contains(":"));
    }

    /** The order an exception is about: its subject is the order number, or starts with it ({@code 10042:SCARF-RED}). */
    static String orderNumberOf(ExceptionRecord e) {
        int colon = e.subject().indexOf(':');
        return colon > 0 ? e.subject().substring(0, colon) : e.subject();
    }

    private Optional<OrderLedgerEntry> orderOf(ExceptionRecord e) {
        return STOCK.contains(e.type()) || !retryable(e) ? Optional.empty() : ledger.findByRef(orderNumberOf(e));
    }

    private OrderView view(OrderLedgerEntry o, Instant now) {
        List<ExceptionSummary> open = new ArrayList<>();
        for (String id : o.exceptionIds()) {
            exceptions.find(id).filter(e -> e.status() == ExceptionStatus.OPEN).ifPresent(e -> open.add(summary(e, now)));
        }
        return new OrderView(o.orderId(), o.orderNumber(), o.state().name(), o.khaos().khaosOrderCode(), o.khaos().khaosStatus(),
                o.createdAt(), o.updatedAt(), o.timeline(), open);
    }
}
