package com.shopkhaos.model.stock;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scheduled full reconcile: every product in the shop against the sellable figure, writing only those that
 * differ (someone edited stock in the shop admin, a push was lost), in the fewest bulk requests, each row through
 * the same claim as a push ({@link WebStock#claim}): a push of newer inputs that claimed the SKU meanwhile wins. Khaos's figures,
 * the in-flight holds and the catalogue are read once; the shop is read 500 products a page. It also keeps the
 * stock conditions in front of people: raised while they hold, resolved once they no longer do. A condition of one
 * shop names the shop ({@link StockConditions}) and only that shop's reconcile resolves it; one of Khaos alone is
 * worked out from every code Khaos reported, so each shop's reconcile finds the same. After every shop's reconcile,
 * open conditions of no reconciled shop (raised before subjects named the shop, or of a shop no longer confirmed) are
 * resolved: where one still holds, its shop's reconcile has just raised it under the subject naming the shop.
 */
public final class StockReconcileService {
    static final int PAGE = 500;
    static final int CATALOGUE_PAGE = 500;
    static final String RESOLVER = "stock-reconcile";

    /** What a reconcile found and did, per shop. */
    public record Report(String shopId, int products, int differing, int written, int requests, int pages,
                         Map<ExceptionType, Integer> conditions, Duration took, Map<String, Long> millisByStep) {
    }

    private final StockPushService push;
    private final ShopProducts products;
    private final WebStock webStock;
    private final KhaosStockLevels levels;
    private final InFlightOrders inFlight;
    private final StockVersions versions;
    private final KhaosCatalogue catalogue;
    private final OrderMappings mappings;
    private final ExceptionLedger exceptions;
    private final StockPushService.StockSettings settings;
    private final Clock clock;

    public StockReconcileService(StockPushService push, ShopProducts products, WebStock webStock, KhaosStockLevels levels,
                                 InFlightOrders inFlight, StockVersions versions, KhaosCatalogue catalogue, OrderMappings mappings,
                                 ExceptionLedger exceptions, StockPushService.StockSettings settings, Clock clock) {
        this.push = push;
        this.products = products;
        this.webStock = webStock;
        this.levels = levels;
        this.inFlight = inFlight;
        this.versions = versions;
        this.catalogue = catalogue;
        this.mappings = mappings;
        this.exceptions = exceptions;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Report> reconcile() {
        List<String> shopIds = push.confirmedShops();
        List<Report> reports = new ArrayList<>();
        for (String shopId : shopIds) {
            reports.add(reconcile(shopId));
        }
        resolveConditionsOfNoShop(Set.copyOf(shopIds));
        return reports;
    }

    Report reconcile(String shopId) {
        Instant started = clock.instant();
        Steps steps = new Steps();
        OrderMappings.Overrides overrides = mappings.current();
        // the sequences first: every input change numbered up to a code's sequence is in what is read next
        Map<String, Long> sequences = versions.all();
        steps.done("sequences");
        Map<String, List<StockLevel>> levelsByCode = levels.all().stream().collect(Collectors.groupingBy(StockLevel::stockCode));
        steps.done("khaosFigures");
        Map<String, List<InFlightHold>> holdsByCode = inFlight.all().stream().collect(Collectors.groupingBy(InFlightHold::stockCode));
        steps.done("inFlight");
        Map<String, CatalogueItem> items = catalogue();
        steps.done("catalogue");
        Map<ExceptionType, Map<ExceptionSubject, String>> found = new LinkedHashMap<>();
        StockConditions.ALL.forEach(t -> found.put(t, new HashMap<>()));
        Map<String, StockPosition> positions = new HashMap<>();
        Set<String> shopSkus = new HashSet<>();
        List<StockWriter.Want> writes = new ArrayList<>();
        int seen = 0;
        int pages = 0;
        for (int page = 1; ; page++) {
            List<ShopProducts.ShopProduct> batch = products.page(shopId, page, PAGE);
            pages++;
            for (ShopProducts.ShopProduct p : batch) {
                if (p.hasVariants()) {
                    continue;
                }
                seen++;
                shopSkus.add(p.sku());
                String code = overrides.stockCodeFor(p.sku());
                if (!items.containsKey(code) && !levelsByCode.containsKey(code)) {
                    found.get(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS).put(
                            StockConditions.subject(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, shopId, p.sku()),
                            "shop product " + p.sku() + (code.equals(p.sku()) ? "" : " (mapped to " + code + ")")
                                    + " has no Khaos stock code");
                    continue;
                }
                StockPosition position = positions.computeIfAbsent(code, c -> position(c, levelsByCode, holdsByCode, overrides));
                if (position.available().isEmpty()) {
                    continue;
                }
                if (p.stock() != position.sellable()) {
                    writes.add(new StockWriter.Want(p.id(), p.sku(), p.closeout(),
                            new WebStock.Figure(code, sequences.getOrDefault(code, 0L), position.sellable()), false));
                }
                if (p.closeout() && position.sellable() == 0 && position.available().get().signum() > 0) {
                    found.get(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK).put(
                            StockConditions.subject(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, shopId, p.sku()),
                            StockPushService.closeoutReason(position));
                }
            }
            if (batch.size() < PAGE) {
                break;
            }
        }
        steps.done("shopPages");
        // Khaos's own conditions: of every code it reported, whether this shop sells it or not
        levelsByCode.keySet().forEach(code -> positions.computeIfAbsent(code,
                c -> position(c, levelsByCode, holdsByCode, overrides)));
        positions.values().stream().filter(StockPosition::negative)
                .forEach(p -> found.get(ExceptionType.STOCK_NEGATIVE_IN_KHAOS).put(
                        StockConditions.subject(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, "", p.stockCode()), StockPushService.negativeReason(p)));
        levelsByCode.keySet().stream().filter(code -> !items.containsKey(code)).forEach(code ->
                found.get(ExceptionType.STOCK_FOR_UNKNOWN_CODE).put(
                        StockConditions.subject(ExceptionType.STOCK_FOR_UNKNOWN_CODE, "", code), "Khaos sent stock for " + code
                        + ", which is not in the catalogue it sent"));
        items.values().stream().filter(i -> i.publishOnWeb() && !i.discontinued())
                .filter(i -> overrides.skusFor(i.stockCode()).stream().noneMatch(shopSkus::contains))
                .forEach(i -> found.get(ExceptionType.WEB_ITEM_NOT_IN_SHOP).put(
                        StockConditions.subject(ExceptionType.WEB_ITEM_NOT_IN_SHOP, shopId, i.stockCode()),
                        "Khaos web item " + i.stockCode() + " (" + i.description() + ") has no product in shop " + shopId));

        StockWriter writer = new StockWriter(products, webStock, exceptions, clock, shopId);
        writer.write(writes, settings.batchSize());
        steps.done("writes");
        writer.refused.forEach(sku -> found.get(ExceptionType.STOCK_PUSH_REFUSED).put(
                StockConditions.subject(ExceptionType.STOCK_PUSH_REFUSED, shopId, sku), ""));
        keepInFrontOfPeople(shopId, found);
        steps.done("exceptions");
        Map<ExceptionType, Integer> counts = new LinkedHashMap<>();
        found.forEach((type, subjects) -> counts.put(type, subjects.size()));
        return new Report(shopId, seen, writes.size(), writer.written, writer.requests + pages, pages, counts,
                Duration.between(started, clock.instant()), steps.millis);
    }

    /** How long each step of a reconcile took (wall clock, for the report: what to speed up at scale). */
    private static final class Steps {
        final Map<String, Long> millis = new LinkedHashMap<>();
        long mark = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            millis.merge(step, (now - mark) / 1_000_000, Long::sum);
            mark = now;
        }
    }

    private StockPosition position(String code, Map<String, List<StockLevel>> levelsByCode,
                                   Map<String, List<InFlightHold>> holdsByCode, OrderMappings.Overrides overrides) {
        return settings.position(code, levelsByCode.getOrDefault(code, List.of()), holdsByCode.getOrDefault(code, List.of()),
                overrides, clock.instant());
    }

    private Map<String, CatalogueItem> catalogue() {
        Map<String, CatalogueItem> items = new HashMap<>();
        String after = "";
        while (true) {
            List<CatalogueItem> page = catalogue.page(after, CATALOGUE_PAGE);
            page.stream().filter(i -> !i.deleted()).forEach(i -> items.merge(i.stockCode(), i,
                    (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b));
            if (page.size() < CATALOGUE_PAGE) {
                return items;
            }
            after = page.get(page.size() - 1).stockId();
        }
    }

    /**
     * Raises what holds now (once); resolves open ones of these kinds whose condition cleared: Khaos's own, and this
     * shop's (their subjects name it).
     */
    private void keepInFrontOfPeople(String shopId, Map<ExceptionType, Map<ExceptionSubject, String>> found) {
        Instant now = clock.instant();
        Map<String, ExceptionRecord> open = new HashMap<>();
        openConditions().stream()
                .filter(r -> !StockConditions.OF_ONE_SHOP.contains(r.type())
                        || StockConditions.shopOf(r.about()).filter(shopId::equals).isPresent())
                .forEach(r -> open.put(r.id(), r));
        found.forEach((type, subjects) -> subjects.forEach((subject, reason) -> {
            String id = ExceptionRecord.idFor(type, subject);
            if (!open.containsKey(id) && type != ExceptionType.STOCK_PUSH_REFUSED) {
                exceptions.raise(ExceptionRecord.openForStock(type, subject, reason, "", now));
            }
        }));
        for (ExceptionRecord record : open.values()) {
            if (!found.get(record.type()).containsKey(record.about())) {
                exceptions.resolve(record.id(), RESOLVER, now);
            }
        }
    }

    /** Resolves open conditions of one shop whose subject names none of these shops (or no shop at all). */
    private void resolveConditionsOfNoShop(Set<String> reconciled) {
        Instant now = clock.instant();
        openConditions().stream().filter(r -> StockConditions.OF_ONE_SHOP.contains(r.type()))
                .filter(r -> StockConditions.shopOf(r.about()).filter(reconciled::contains).isEmpty())
                .forEach(r -> exceptions.resolve(r.id(), RESOLVER, now));
    }

    private List<ExceptionRecord> openConditions() {
        return exceptions.listOpen(100_000).stream()
                .filter(r -> r.status() == ExceptionStatus.OPEN && StockConditions.ALL.contains(r.type())).toList();
    }
}
