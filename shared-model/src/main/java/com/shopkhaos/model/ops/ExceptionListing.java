package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionLedger.ResolvedPage;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.ops.ExceptionQuery.ListCursor;
import com.shopkhaos.model.ops.ExceptionViews.ExceptionSummary;
import com.shopkhaos.model.ops.ExceptionViews.OrderView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which problems there are, as a person asks (filtered, searched, a page at a time), one problem with its order's
 * timeline, what people did about it and the fixes to consider, and an order as ops see it. Open problems are read
 * whole (they are bounded by what people have not dealt with yet); resolved ones a page of the ledger at a time, at
 * most {@value #RESOLVED_READ_BUDGET} of them an answer however many there are, so a search over them may answer fewer
 * than it was asked for and a {@code next} to carry on from.
 */
public final class ExceptionListing {
    /** Most resolved problems one answer reads (a search that matches few of them carries on with the next answer). */
    static final int RESOLVED_READ_BUDGET = 1000;
    private final ExceptionLedger exceptions;
    private final ExceptionViews views;
    private final OpsActionLog actions;
    private final OpsMappings mappings;
    private final Clock clock;

    /** A page of a list. */
    public sealed interface ExceptionList {
        List<ExceptionSummary> items();
    }

    /** A numbered page of the open problems. */
    public record NumberedPage(List<ExceptionSummary> items, int total, int page, int size) implements ExceptionList {
    }

    /** A page of a list with resolved problems; {@code next} carries on from it, empty at the end. */
    public record ContinuedPage(List<ExceptionSummary> items, int size, Optional<ListCursor> next) implements ExceptionList {
    }

    /** One exception in full. */
    public record ExceptionDetail(ExceptionSummary exception, String evidence, Optional<OrderView> order, List<OpsAction> actions,
                                  List<String> suggestions) {
    }

    public ExceptionListing(ExceptionLedger exceptions, ExceptionViews views, OpsActionLog actions, OpsMappings mappings,
                            Clock clock) {
        this.exceptions = exceptions;
        this.views = views;
        this.actions = actions;
        this.mappings = mappings;
        this.clock = clock;
    }

    public ExceptionList list(ExceptionQuery query) {
        Instant now = clock.instant();
        Predicate<ExceptionRecord> wanted = e -> matches(query, e, now);
        if (query.numbered()) {
            List<ExceptionRecord> open = openMatching(wanted);
            int from = Math.min(open.size(), (query.page() - 1) * query.size());
            int to = Math.min(open.size(), from + query.size());
            return new NumberedPage(summaries(open.subList(from, to), now), open.size(), query.page(), query.size());
        }
        List<ExceptionRecord> items = new ArrayList<>();
        ListCursor at = query.cursor().orElse(query.status().isEmpty() ? new ListCursor.OpenFrom(0)
                : new ListCursor.ResolvedAfter(Optional.empty()));
        if (at instanceof ListCursor.OpenFrom openFrom) {
            List<ExceptionRecord> open = openMatching(wanted);
            int from = Math.min(open.size(), openFrom.offset());
            int to = Math.min(open.size(), from + query.size());
            items.addAll(open.subList(from, to));
            if (to < open.size()) {
                return new ContinuedPage(summaries(items, now), query.size(), Optional.of(new ListCursor.OpenFrom(to)));
            }
            at = new ListCursor.ResolvedAfter(Optional.empty());
        }
        Optional<String> after = ((ListCursor.ResolvedAfter) at).ledgerCursor();
        int read = 0;
        while (items.size() < query.size() && read < RESOLVED_READ_BUDGET) {
            ResolvedPage page = exceptions.resolvedNewestFirst(after, Math.min(query.size() - items.size(),
                    RESOLVED_READ_BUDGET - read));
            read += Math.max(1, page.items().size());
            page.items().stream().filter(wanted).forEach(items::add);
            after = page.next();
            if (after.isEmpty()) {
                return new ContinuedPage(summaries(items, now), query.size(), Optional.empty());
            }
        }
        return new ContinuedPage(summaries(items, now), query.size(), Optional.of(new ListCursor.ResolvedAfter(after)));
    }

    public Optional<ExceptionDetail> exception(String id) {
        Instant now = clock.instant();
        return exceptions.find(id).map(e -> new ExceptionDetail(views.summary(e, now), e.evidence(),
                views.orderOf(e).map(o -> views.view(o, now)), actions.forSubject(id), mappings.suggestionsFor(e, now)));
    }

    public Optional<OrderView> order(String orderNumber) {
        return views.order(orderNumber, clock.instant());
    }

    private List<ExceptionRecord> openMatching(Predicate<ExceptionRecord> wanted) {
        return exceptions.allOpen().stream().filter(wanted)
                .sorted(Comparator.comparing(ExceptionRecord::lastSeenAt).reversed().thenComparing(ExceptionRecord::id))
                .toList();
    }

    private List<ExceptionSummary> summaries(List<ExceptionRecord> records, Instant now) {
        return records.stream().map(e -> views.summary(e, now)).toList();
    }

    private static boolean matches(ExceptionQuery query, ExceptionRecord e, Instant now) {
        return (query.types().isEmpty() || query.types().contains(e.type()))
                && query.olderThan().map(d -> !e.createdAt().isAfter(now.minus(d))).orElse(true)
                && query.newerThan().map(d -> e.createdAt().isAfter(now.minus(d))).orElse(true)
                && (query.search().isEmpty() || e.subject().toLowerCase(Locale.ROOT).contains(query.search())
                        || e.reason().toLowerCase(Locale.ROOT).contains(query.search()));
    }
}
