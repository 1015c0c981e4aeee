package com.shopkhaos.model.audit;

import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The go-live audit carried out: a run asked for ({@link AuditRequests}) is carried out here, where it may take its time
 * (in AWS the reconciliation function), and kept whole with its findings; the weekly schedule and a consultant's command
 * ask and carry out at once. It reads the shop, the Khaos catalogue the channel keeps,
 * the stock Khaos reported and the mappings people made; it writes nothing to the shop or to Khaos. A blocking finding
 * the previous finished run did not have is raised as a {@link ExceptionType#CATALOGUE_GAP} (so the alarms see it); one a
 * run no longer finds is resolved.
 */
public final class CatalogueAudits {
    static final String RESOLVER = "audit";
    /** New gaps of one kind raised one by one up to this many; more are one problem for the kind. */
    static final int GAPS_ONE_BY_ONE = 10;
    private static final int CATALOGUE_PAGE = 1_000;

    private final ShopRegistry shops;
    private final ShopCatalogueSource shop;
    private final KhaosCatalogue catalogue;
    private final KhaosStockLevels stock;
    private final OrderMappings mappings;
    private final OrderTranslationPolicy policy;
    private final TaxRateTable taxRates;
    private final CatalogueAudit.Settings settings;
    private final AuditRuns runs;
    private final ExceptionLedger exceptions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CatalogueAudits(ShopRegistry shops, ShopCatalogueSource shop, KhaosCatalogue catalogue, KhaosStockLevels stock,
                           OrderMappings mappings, OrderTranslationPolicy policy, TaxRateTable taxRates,
                           CatalogueAudit.Settings settings, AuditRuns runs, ExceptionLedger exceptions, Clock clock) {
        this.shops = shops;
        this.shop = shop;
        this.catalogue = catalogue;
        this.stock = stock;
        this.mappings = mappings;
        this.policy = policy;
        this.taxRates = taxRates;
        this.settings = settings;
        this.runs = runs;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    /** A run asked for and carried out here (a consultant's command). */
    public AuditRun runNow(AuditTrigger trigger, String requestedBy) {
        Instant now = clock.instant();
        AuditRun run = AuditRun.requested(AuditRun.newId(now, random), trigger, requestedBy, now);
        runs.save(run);
        return carryOut(run.id());
    }

    /**
     * The weekly schedule's run: named by the time it was scheduled for ({@code <aws.scheduler.scheduled-time>}), so the
     * same schedule delivered again (Lambda's retries of an asynchronous invocation) is one run, carried out once.
     */
    public AuditRun runScheduled(String scheduledFor) {
        String id = "audit-scheduled-" + scheduledFor.replaceAll("[^0-9A-Za-z]", "");
        if (runs.find(id).isEmpty()) {
            runs.save(AuditRun.requested(id, AuditTrigger.SCHEDULE, "schedule", clock.instant()));
        }
        return carryOut(id);
    }

    /**
     * Carries out a requested run and keeps it finished (or failed, with the reason: a failure is kept, then thrown, so
     * the function's error alarm sees it; a shop without the app installed yet is only said on the run). A run already finished or failed is answered as it is (an invocation
     * delivered twice runs once).
     *
     * @throws NoSuchAuditRunException when no run has that id
     */
    public AuditRun carryOut(String runId) {
        AuditRun run = runs.find(runId).orElseThrow(() -> new NoSuchAuditRunException(runId));
        if (run.status() != AuditStatus.RUNNING) {
            return run;
        }
        AuditRun done;
        try {
            Optional<AuditRun> previous = runs.lastFinished();
            done = audit(run);
            // before the run shows finished: whoever sees it finished sees its exceptions raised and resolved too
            raiseNewGaps(done, previous);
        } catch (NoShopToAuditException e) {
            // nothing to audit yet (the app is not installed): said on the run, no fault of the function's for its alarm
            AuditRun failed = run.failed(e.getMessage(), clock.instant());
            runs.save(failed);
            return failed;
        } catch (RuntimeException e) {
            runs.save(run.failed(e.getMessage(), clock.instant()));
            throw e;
        }
        runs.save(done);
        return done;
    }

    private AuditRun audit(AuditRun run) {
        // the shops that finished installing the app (a registration never confirmed has no credentials to read with)
        List<String> ids = shops.shopIds().stream().sorted()
                .filter(id -> shops.find(id).map(ShopRegistration::isConfirmed).orElse(false)).toList();
        if (ids.isEmpty()) {
            throw new NoShopToAuditException();
        }
        String shopId = ids.get(0);
        ShopCatalogue shopSide = shop.read(shopId, policy.currency());
        Map<String, CatalogueItem> items = khaosItemsByCode();
        OrderMappings.Overrides overrides = mappings.fresh();
        OrderTranslationPolicy effective = policy.withMappings(overrides.skuToStockCode(), overrides.deliveryMethodToCourier(),
                overrides.promotionToItem());
        List<AuditFinding> found = CatalogueAudit.run(shopSide, new CatalogueAudit.KhaosSide(items,
                code -> stock.availableAt(code, policy.site()), effective, taxRates, settings));
        return run.finished(shopId, shopSide.products().size(), items.size(), found, clock.instant());
    }

    /** The catalogue by stock code; where a code moved between items, the live one wins over a deleted one. */
    private Map<String, CatalogueItem> khaosItemsByCode() {
        Map<String, CatalogueItem> byCode = new HashMap<>();
        String after = "";
        while (true) {
            List<CatalogueItem> page = catalogue.page(after, CATALOGUE_PAGE);
            for (CatalogueItem item : page) {
                byCode.merge(item.stockCode(), item, (a, b) -> a.deleted() && !b.deleted() ? b : a);
            }
            if (page.size() < CATALOGUE_PAGE) {
                return byCode;
            }
            after = page.get(page.size() - 1).stockId();
        }
    }

    /**
     * Raises each finding that would hold an order ({@link FindingKind#holdsOrders()}) and that the previous finished run
     * did not have (once: a person who resolved one is not asked again while it stays found), and resolves the gaps
     * raised before that this run no longer finds. More than {@value #GAPS_ONE_BY_ONE} new gaps of one kind (the first
     * run before go-live, with hundreds of unmapped SKUs) are one problem for the kind, naming how many and the first of
     * them: the Audit tab lists them all.
     */
    private void raiseNewGaps(AuditRun run, Optional<AuditRun> previous) {
        Set<String> before = previous.map(p -> keys(p.findings())).orElse(Set.of());
        Set<String> now = keys(run.findings());
        Instant at = clock.instant();
        Map<FindingKind, List<AuditFinding>> fresh = new java.util.EnumMap<>(FindingKind.class);
        for (AuditFinding f : run.findings()) {
            if (f.kind().holdsOrders() && !before.contains(key(f))) {
                fresh.computeIfAbsent(f.kind(), k -> new java.util.ArrayList<>()).add(f);
            }
        }
        fresh.forEach((kind, found) -> {
            if (found.size() <= GAPS_ONE_BY_ONE) {
                found.forEach(f -> exceptions.raiseUnlessOpen(ExceptionRecord.open(ExceptionType.CATALOGUE_GAP,
                        ExceptionSubject.other(key(f)), kind.title() + ": " + describe(f) + ". " + kind.fix(), "audit run " + run.id(), at)));
            } else {
                exceptions.raiseUnlessOpen(ExceptionRecord.open(ExceptionType.CATALOGUE_GAP, ExceptionSubject.other(manyKey(kind)),
                        kind.title() + ": " + found.size() + " new, among them " + String.join("; ", found.stream().limit(GAPS_ONE_BY_ONE)
                                .map(CatalogueAudits::describe).toList()) + ". The Audit tab lists them all. " + kind.fix(),
                        "audit run " + run.id(), at));
            }
        });
        for (ExceptionRecord open : exceptions.allOpen()) {
            if (open.type() == ExceptionType.CATALOGUE_GAP && open.status() == ExceptionStatus.OPEN && !now.contains(open.subject())) {
                exceptions.resolve(open.id(), RESOLVER + " (run " + run.id() + " no longer finds it)", at);
            }
        }
    }

    /** The gaps a run has, as problems name them: each one's key, and each kind's many-gaps key. */
    private static Set<String> keys(List<AuditFinding> findings) {
        Set<String> keys = new HashSet<>();
        findings.stream().filter(f -> f.kind().holdsOrders()).forEach(f -> {
            keys.add(key(f));
            keys.add(manyKey(f.kind()));
        });
        return keys;
    }

    /** One problem for many new gaps of a kind: {@code audit-sku-not-in-khaos (many)}. */
    static String manyKey(FindingKind kind) {
        return kind.handbookAnchor() + " (many)";
    }

    /** What people see as the gap's subject: {@code audit-sku-not-in-khaos UMBRELLA-GOLF}. */
    static String key(AuditFinding f) {
        return f.kind().handbookAnchor() + " " + f.subject();
    }

    private static String describe(AuditFinding f) {
        StringBuilder s = new StringBuilder(f.subject());
        if (!f.shopValue().isEmpty()) {
            s.append("; the shop: ").append(f.shopValue());
        }
        if (!f.khaosValue().isEmpty()) {
            s.append("; Khaos: ").append(f.khaosValue());
        }
        if (!f.suggestion().isEmpty()) {
            s.append("; suggested: ").append(f.suggestion());
        }
        return s.toString();
    }

    /** No run has that id. */
    public static final class NoSuchAuditRunException extends RuntimeException {
        public NoSuchAuditRunException(String id) {
            super("no audit run " + id);
        }
    }

    /** No shop has installed the app yet: there is nothing to audit. */
    public static final class NoShopToAuditException extends RuntimeException {
        public NoShopToAuditException() {
            super("no shop has installed the app yet, so there is no catalogue to audit");
        }
    }
}
