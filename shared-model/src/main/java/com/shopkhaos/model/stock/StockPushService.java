package com.shopkhaos.model.stock;

import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
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
 * the web sites, less the buffer, less in-flight orders) becomes the stock of every shop SKU that sells it, in bulk
 * requests of {@code batchSize}. The code's input sequence ({@link StockVersions}) is read before its inputs, and
 * every row is written only after winning the SKU's claim with that sequence ({@link WebStock#claim}): pushes run side
 * by side, and one worked out from older inputs never writes after one from newer inputs. A row the shop already
 * shows is not written. A request the shop refuses because of some rows is sent again without them; those rows go
 * to a person.
 */
public final class StockPushService {
    /** What one push did. */
    public record Report(int codes, int skus, int written, int requests, List<String> refused) {
    }

    private final ShopRegistry shops;
    private final ShopProducts products;
    private final WebStock webStock;
    private final KhaosStockLevels levels;
    private final InFlightOrders inFlight;
    private final StockVersions versions;
    private final OrderMappings mappings;
    private final ExceptionLedger exceptions;
    private final StockSettings settings;
    private final Clock clock;

    public StockPushService(ShopRegistry shops, ShopProducts products, WebStock webStock, KhaosStockLevels levels,
                            InFlightOrders inFlight, StockVersions versions, OrderMappings mappings, ExceptionLedger exceptions,
                            StockSettings settings, Clock clock) {
        this.shops = shops;
        this.products = products;
        this.webStock = webStock;
        this.levels = levels;
        this.inFlight = inFlight;
        this.versions = versions;
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
     * every SKU is written even when the record says the shop shows its figure: the shop's own move made what it shows
     * differ from what we wrote (a product sold past 0 shows less than the 0 we wrote; a figure worked out just
     * before the order landed after it). A push that fails leaves the rows it was writing unknown, and the queue
     * delivers it again.
     */
    public Report push(Collection<String> stockCodes, boolean shopChangedItself) {
        return push(stockCodes, shopChangedItself, false);
    }

    /**
     * As {@link #push(Collection, boolean)}; with {@code timePassed} (the codes' figures changed by themselves as time
     * passed: a hold's settle time ran out) the codes' sequences are bumped first. A push that read the old sequence
     * and worked out its figure before the time ran out (the hold still counting) then loses its claim to this one,
     * or has its write followed by this one's; with equal sequences the later claim would win, stale or not.
     */
    public Report push(Collection<String> stockCodes, boolean shopChangedItself, boolean timePassed) {
        Set<String> codes = new TreeSet<>(stockCodes);
        if (timePassed) {
            versions.bump(codes);
        }
        // the sequence first: every input change numbered up to it is in what is read next
        Map<String, Long> sequences = versions.current(codes);
        Instant now = clock.instant();
        OrderMappings.Overrides overrides = mappings.current();
        Map<String, WebStock.Figure> wanted = new LinkedHashMap<>();
        Map<String, StockPosition> positions = new HashMap<>();
        for (String code : codes) {
            List<InFlightHold> holds = inFlight.holds(code);
            StockPosition position = settings.position(code, levels.levels(code), holds, overrides, now);
            positions.put(code, position);
            if (position.negative()) {
                raiseOnce(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, "", code, negativeReason(position), now);
            }
            if (position.available().isEmpty()) {
                continue;
            }
            WebStock.Figure figure = new WebStock.Figure(code, sequences.getOrDefault(code, 0L), position.sellable());
            overrides.skusFor(code).forEach(sku -> wanted.put(sku, figure));
            forgetSettled(code, holds, position, now);
        }
        int written = 0;
        int requests = 0;
        List<String> refused = new ArrayList<>();
        for (String shopId : confirmedShops()) {
            StockWriter writer = write(shopId, wanted, positions, shopChangedItself);
            written += writer.written;
            requests += writer.requests;
            refused.addAll(writer.refused);
        }
        return new Report(positions.size(), wanted.size(), written, requests, refused);
    }

    List<String> confirmedShops() {
        return shops.shopIds().stream().filter(id -> shops.find(id).map(ShopRegistration::isConfirmed).orElse(false)).toList();
    }

    private StockWriter write(String shopId, Map<String, WebStock.Figure> wanted, Map<String, StockPosition> positions,
                              boolean rewrite) {
        Map<ShopSku, WebStock.Entry> known = new HashMap<>(webStock.find(wanted.keySet().stream()
                .map(sku -> new ShopSku(shopId, sku)).toList()));
        List<String> unknown = wanted.keySet().stream().filter(sku -> !known.containsKey(new ShopSku(shopId, sku))).toList();
        int lookups = 0;
        if (!unknown.isEmpty()) {
            lookups = (unknown.size() + 499) / 500;
            for (ShopProducts.ShopProduct p : products.bySku(shopId, unknown)) {
                if (!p.hasVariants()) {
                    WebStock.Entry entry = new WebStock.Entry(new ShopSku(shopId, p.sku()), p.id(), p.closeout(), p.stock(),
                            clock.instant());
                    webStock.remember(entry);
                    known.put(entry.sku(), entry);
                }
            }
        }
        List<StockWriter.Want> wants = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, WebStock.Figure> w : wanted.entrySet()) {
            WebStock.Entry entry = known.get(new ShopSku(shopId, w.getKey()));
            if (entry == null) {
                continue;
            }
            WebStock.Figure figure = w.getValue();
            StockPosition position = positions.get(figure.stockCode());
            if (entry.closeout() && figure.sellable() == 0 && position != null
                    && position.available().map(a -> a.signum() > 0).orElse(false)) {
                raiseOnce(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, shopId, w.getKey(),
                        closeoutReason(position), now);
            }
            wants.add(new StockWriter.Want(entry.productId(), w.getKey(), entry.closeout(), figure,
                    !rewrite && entry.shows(figure.sellable())));
        }
        StockWriter writer = new StockWriter(products, webStock, exceptions, clock, shopId);
        writer.requests += lookups;
        writer.write(wants, settings.batchSize());
        return writer;
    }

    /** Holds Khaos's figures have caught up with no longer count: drop them, so the table stays small. */
    private void forgetSettled(String code, List<InFlightHold> holds, StockPosition position, Instant now) {
        for (InFlightHold hold : holds) {
            if (!StockPosition.stillCounts(hold, position.figuresAt(), now, settings.settle())) {
                inFlight.forget(code, hold.orderId());
            }
        }
    }

    /** Raises the problem unless it is open already (conditions clear in the reconcile, which resolves them). */
    void raiseOnce(ExceptionType type, String shopId, String what, String reason, Instant now) {
        exceptions.raiseUnlessOpen(ExceptionRecord.openForStock(type, shopId, what, reason, "", now));
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

    /** Newer figures kept being claimed while a push wrote them: the queue delivers the change again. */
    public static final class StockStillMovingException extends RuntimeException {
        public StockStillMovingException(List<String> skus) {
            super("newer stock of " + skus + " was claimed while it was being written, " + StockWriter.REWRITES
                    + " times; tried again later");
        }
    }

    /** Settings of stock sync. */
    public record StockSettings(WebSites webSites, StockBufferPolicy buffers, Duration settle, int batchSize) {
        public StockSettings {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("rows per sync request must be 1 to 1000, was " + batchSize);
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
