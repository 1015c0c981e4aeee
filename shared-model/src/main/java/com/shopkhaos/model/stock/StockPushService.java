package com.shopkhaos.model.stock;

import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sellable stock to the shop, for the stock codes a change names: each code's position (Khaos's Available at
 * the web sites, less the buffer, less in-flight orders) becomes the stock of every shop SKU that sells it,
 * written only where it differs from what was last written, in bulk requests of {@code batchSize}. A request
 * the shop refuses because of some rows is sent again without them; those rows go to a person.
 */
public final class StockPushService {
    /** How many times a push rereads and rewrites figures that moved while it wrote, before it hands back to the queue. */
    static final int REREADS = 3;
    private static final System.Logger LOG = System.getLogger(StockPushService.class.getName());
    /** What one push did. */
    public record Report(int codes, int skus, int written, int requests, List<String> refused) {
    }

    private final ShopRegistry shops;
    private final ShopProducts products;
    private final WebStock webStock;
    private final KhaosStockLevels levels;
    private final InFlightOrders inFlight;
    private final OrderMappings mappings;
    private final ExceptionLedger exceptions;
    private final StockSettings settings;
    private final Clock clock;

    public StockPushService(ShopRegistry shops, ShopProducts products, WebStock webStock, KhaosStockLevels levels,
                            InFlightOrders inFlight, OrderMappings mappings, ExceptionLedger exceptions, StockSettings settings,
                            Clock clock) {
        this.shops = shops;
        this.products = products;
        this.webStock = webStock;
        this.levels = levels;
        this.inFlight = inFlight;
        this.mappings = mappings;
        this.exceptions = exceptions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The sellable position of one code now. */
    public StockPosition position(String stockCode, OrderMappings.Overrides overrides, Instant now) {
        return settings.position(stockCode, levels.levels(stockCode), inFlight.holds(stockCode), overrides, now);
    }

    public Report push(Collection<String> stockCodes) {
        return push(stockCodes, false);
    }

    /**
     * Pushes these codes' figures. With {@code shopChangedItself} (the shop took or gave back units for an order)
     * every SKU is written even when its figure equals the last one written: the shop's own move made what it shows
     * differ from what we wrote (a product sold past 0 shows less than the 0 we wrote; a figure worked out just
     * before the order landed after it).
     */
    public Report push(Collection<String> stockCodes, boolean shopChangedItself) {
        try {
            return pushAndReread(stockCodes, shopChangedItself);
        } catch (RuntimeException e) {
            // The queue delivers this change again. Until then nobody knows what the shop shows for these SKUs: a
            // push beside this one may have recorded its own figure after ours reached the shop, so the record and
            // the shop can differ, and the retry, comparing with the record, would skip the write that repairs it.
            forgetWhatWasWritten(stockCodes);
            throw e;
        }
    }

    private Report pushAndReread(Collection<String> stockCodes, boolean shopChangedItself) {
        Map<String, Integer> wrote = new HashMap<>();
        Report report = pushOnce(stockCodes, shopChangedItself, wrote);
        // Another push, worked out a moment earlier from older figures, may have landed after ours (pushes run side
        // by side). Read the figures again: where one moved since, write it again, so the last write is never stale.
        for (int round = 0; !wrote.isEmpty(); round++) {
            Instant now = clock.instant();
            OrderMappings.Overrides overrides = mappings.current();
            List<String> moved = wrote.entrySet().stream()
                    .filter(e -> position(e.getKey(), overrides, now).sellable() != e.getValue()).map(Map.Entry::getKey).toList();
            if (moved.isEmpty()) {
                break;
            }
            if (round == REREADS) {
                throw new StockStillMovingException(moved);
            }
            wrote.clear();
            Report again = pushOnce(moved, true, wrote);
            List<String> refused = new ArrayList<>(report.refused());
            refused.addAll(again.refused());
            report = new Report(report.codes(), report.skus(), report.written() + again.written(), report.requests() + again.requests(),
                    refused);
        }
        return report;
    }

    /** Marks the last figure written for these codes' SKUs as unknown, so the next push writes them whatever it finds. */
    private void forgetWhatWasWritten(Collection<String> stockCodes) {
        try {
            OrderMappings.Overrides overrides = mappings.current();
            List<String> skus = stockCodes.stream().flatMap(code -> overrides.skusFor(code).stream()).distinct().toList();
            for (String shopId : confirmedShops()) {
                List<WebStock.Entry> unknown = webStock.find(keys(shopId, new java.util.HashSet<>(skus))).values().stream()
                        .map(e -> new WebStock.Entry(e.sku(), e.productId(), e.closeout(), null, e.pushedAt())).toList();
                webStock.rememberAll(unknown);
            }
        } catch (RuntimeException alsoFailed) {
            LOG.log(System.Logger.Level.WARNING, "could not mark the stock written for " + stockCodes + " as unknown: "
                    + alsoFailed.getMessage());
        }
    }

    private Report pushOnce(Collection<String> stockCodes, boolean shopChangedItself, Map<String, Integer> wrote) {
        Instant now = clock.instant();
        OrderMappings.Overrides overrides = mappings.current();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, StockPosition> positions = new HashMap<>();
        for (String code : new TreeSet<>(stockCodes)) {
            StockPosition position = position(code, overrides, now);
            positions.put(code, position);
            if (position.negative()) {
                raiseOnce(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, code, negativeReason(position), now);
            }
            if (position.available().isEmpty()) {
                continue;
            }
            overrides.skusFor(code).forEach(sku -> wanted.put(sku, position.sellable()));
            forgetSettled(code, position, now);
        }
        int written = 0;
        int requests = 0;
        List<String> refused = new ArrayList<>();
        for (String shopId : confirmedShops()) {
            StockWriter writer = write(shopId, wanted, positions, overrides, shopChangedItself, wrote);
            written += writer.written;
            requests += writer.requests;
            refused.addAll(writer.refused);
        }
        return new Report(positions.size(), wanted.size(), written, requests, refused);
    }

    List<String> confirmedShops() {
        return shops.shopIds().stream().filter(id -> shops.find(id).map(ShopRegistration::isConfirmed).orElse(false)).toList();
    }

    private StockWriter write(String shopId, Map<String, Integer> wanted, Map<String, StockPosition> positions,
                              OrderMappings.Overrides overrides, boolean rewrite, Map<String, Integer> wrote) {
        Map<String, WebStock.Entry> known = new HashMap<>(webStock.find(keys(shopId, wanted.keySet())));
        List<String> unknown = wanted.keySet().stream().filter(sku -> !known.containsKey(key(shopId, sku))).toList();
        int lookups = 0;
        if (!unknown.isEmpty()) {
            lookups = (unknown.size() + 499) / 500;
            for (ShopProducts.ShopProduct p : products.bySku(shopId, unknown)) {
                if (!p.hasVariants()) {
                    WebStock.Entry entry = new WebStock.Entry(key(shopId, p.sku()), p.id(), p.closeout(), p.stock(),
                            clock.instant());
                    webStock.remember(entry);
                    known.put(entry.sku(), entry);
                }
            }
        }
        List<ShopProducts.StockWrite> writes = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            WebStock.Entry entry = known.get(key(shopId, w.getKey()));
            if (entry == null) {
                continue;
            }
            StockPosition position = positions.get(overrides.stockCodeFor(w.getKey()));
            if (entry.closeout() && w.getValue() == 0 && position != null && position.available().map(a -> a.signum() > 0).orElse(false)) {
                raiseOnce(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, w.getKey(), closeoutReason(position), now);
            }
            if (rewrite || entry.lastPushed() == null || entry.lastPushed() != w.getValue().intValue()) {
                writes.add(new ShopProducts.StockWrite(entry.productId(), w.getKey(), w.getValue()));
                wrote.put(overrides.stockCodeFor(w.getKey()), w.getValue());
            }
        }
        Map<String, Boolean> closeout = new HashMap<>();
        known.values().forEach(e -> closeout.put(e.sku().substring(shopId.length() + 1), e.closeout()));
        StockWriter writer = new StockWriter(products, webStock, exceptions, clock, shopId, closeout);
        writer.requests += lookups;
        writer.write(writes, settings.batchSize());
        return writer;
    }

    /** Holds Khaos's figures have caught up with no longer count: drop them, so the table stays small. */
    private void forgetSettled(String code, StockPosition position, Instant now) {
        for (InFlightHold hold : inFlight.holds(code)) {
            if (!StockPosition.stillCounts(hold, position.figuresAt(), now, settings.settle())) {
                inFlight.forget(code, hold.orderId());
            }
        }
    }

    /** Raises the problem unless it is open already (conditions clear in the reconcile, which resolves them). */
    void raiseOnce(ExceptionType type, String subject, String reason, Instant now) {
        exceptions.raiseUnlessOpen(ExceptionRecord.open(type, subject, reason, "", now));
    }

    static String negativeReason(StockPosition position) {
        return "Khaos reports " + position.available().map(a -> a.stripTrailingZeros().toPlainString()).orElse("?")
                + " available of " + position.stockCode() + " at the web sites";
    }

    static String closeoutReason(StockPosition position) {
        return "closeout product shows 0; Khaos has " + position.available().map(a -> a.stripTrailingZeros().toPlainString())
                .orElse("?") + " available of " + position.stockCode() + ", buffer " + position.buffer() + ", in flight "
                + position.inFlight();
    }

    static String key(String shopId, String sku) {
        return shopId + "#" + sku;
    }

    private static List<String> keys(String shopId, Set<String> skus) {
        return skus.stream().map(s -> key(shopId, s)).toList();
    }

    /** Figures kept moving while a push wrote them: the queue delivers the change again, and it writes them afresh. */
    public static final class StockStillMovingException extends RuntimeException {
        public StockStillMovingException(List<String> stockCodes) {
            super("stock of " + stockCodes + " moved again while it was being written, " + REREADS + " times; tried again later");
        }
    }

    /** Settings of stock sync. */
    public record StockSettings(WebSites webSites, StockBufferPolicy buffers, Duration settle, int batchSize) {
        public StockSettings {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("STOCK_SYNC_BATCH must be 1 to 1000");
            }
        }

        /** A code's position from its figures and holds, under its own buffer rule from the mappings if it has one. */
        public StockPosition position(String stockCode, List<StockLevel> levels, List<InFlightHold> holds,
                                      OrderMappings.Overrides overrides, Instant now) {
            String rule = overrides.bufferByStockCode().get(stockCode);
            return StockPosition.of(stockCode, levels, holds, webSites, buffers,
                    rule == null ? null : BufferRule.parse(rule, "buffer for " + stockCode), now, settle);
        }
    }
}
