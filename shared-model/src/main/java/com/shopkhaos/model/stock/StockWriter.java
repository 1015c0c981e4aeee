package com.shopkhaos.model.stock;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes stock to one shop in bulk requests of {@code batchSize}, each row only after winning its claim
 * ({@link WebStock#claim}): a row whose figure is older than the one claimed is not sent, and a row the shop already
 * shows is not sent either. After the shop confirms a request, each row is confirmed; a row whose SKU a newer figure
 * was claimed for meanwhile is written again with that figure (ours may have landed after it), until the newest claim
 * is what we wrote last. Shopware applies a request whole or not at all: when it refuses one because of some rows,
 * the request is sent again without them (or, when it does not say which, split in halves until it does), and each
 * refused row goes to a person. A request that fails otherwise marks its rows unknown and the push fails (the queue
 * delivers it again).
 */
final class StockWriter {
    /** How many times a row is written again because newer figures kept being claimed while it was written. */
    static final int REWRITES = 5;
    private static final System.Logger LOG = System.getLogger(StockWriter.class.getName());

    /** A row to write: the SKU's product and the figure (with the sequence of its inputs). */
    record Want(String productId, String sku, boolean closeout, WebStock.Figure figure, boolean keepIfShown) {
    }

    /** A row whose claim we won and have not confirmed yet. */
    private record Held(String productId, String sku, int stock, long failures) {
        ShopProducts.StockWrite write() {
            return new ShopProducts.StockWrite(productId, sku, stock);
        }
    }

    private final ShopProducts products;
    private final WebStock webStock;
    private final ExceptionLedger exceptions;
    private final Clock clock;
    private final String shopId;
    int requests;
    int written;
    int lost;
    final List<String> refused = new ArrayList<>();

    StockWriter(ShopProducts products, WebStock webStock, ExceptionLedger exceptions, Clock clock, String shopId) {
        this.products = products;
        this.webStock = webStock;
        this.exceptions = exceptions;
        this.clock = clock;
        this.shopId = shopId;
    }

    void write(List<Want> wants, int batchSize) {
        for (int i = 0; i < wants.size(); i += batchSize) {
            List<Held> held = new ArrayList<>();
            try {
                for (Want w : wants.subList(i, Math.min(wants.size(), i + batchSize))) {
                    WebStock.Claimed claimed = webStock.claim(key(w.sku()), w.productId(), w.closeout(), w.figure(),
                            w.keepIfShown());
                    if (claimed.claim() == WebStock.Claim.WRITE) {
                        held.add(new Held(w.productId(), w.sku(), w.figure().sellable(), claimed.failures()));
                    } else if (claimed.claim() == WebStock.Claim.LOST) {
                        lost++;
                    }
                }
            } catch (RuntimeException e) {
                release(held);
                throw e;
            }
            writeAndConfirm(held);
        }
    }

    /** Writes the rows, confirms them, and writes again those a newer figure was claimed for meanwhile. */
    private void writeAndConfirm(List<Held> held) {
        Map<String, Held> open = new LinkedHashMap<>();
        held.forEach(h -> open.put(h.sku(), h));
        try {
            List<Held> toWrite = held;
            for (int round = 0; !toWrite.isEmpty(); round++) {
                if (round > REWRITES) {
                    throw new StockPushService.StockStillMovingException(toWrite.stream().map(Held::sku).toList());
                }
                List<Held> applied = new ArrayList<>();
                send(toWrite, applied, open);
                List<Held> again = new ArrayList<>();
                for (Held h : applied) {
                    OptionalInt newer = webStock.confirm(key(h.sku()), h.stock(), h.failures(), clock.instant());
                    if (newer.isPresent()) {
                        Held rewrite = new Held(h.productId(), h.sku(), newer.getAsInt(), h.failures());
                        open.put(h.sku(), rewrite);
                        again.add(rewrite);
                    } else {
                        open.remove(h.sku());
                    }
                }
                toWrite = again;
            }
        } catch (RuntimeException e) {
            release(open.values());
            throw e;
        }
    }

    /** What the shop shows of these rows is unknown now: the next push writes them whatever the record says. */
    private void release(Collection<Held> rows) {
        for (Held h : rows) {
            try {
                webStock.failed(key(h.sku()));
            } catch (RuntimeException alsoFailed) {
                // the row stays counted as being written, so it is never taken as shown: written by every push
                LOG.log(Level.WARNING, "could not mark the stock of " + h.sku() + " unknown: " + alsoFailed.getMessage());
            }
        }
    }

    /** Sends the rows (those the shop refuses go to a person and are dropped from {@code open}); adds the applied ones. */
    private void send(List<Held> batch, List<Held> applied, Map<String, Held> open) {
        if (batch.isEmpty()) {
            return;
        }
        requests++;
        try {
            products.setStock(shopId, batch.stream().map(Held::write).toList());
        } catch (ShopProducts.RowsRefusedException e) {
            if (e.rows().isEmpty()) {
                if (batch.size() == 1) {
                    refuse(batch.get(0), e.getMessage(), open);
                    return;
                }
                int half = batch.size() / 2;
                send(batch.subList(0, half), applied, open);
                send(batch.subList(half, batch.size()), applied, open);
                return;
            }
            List<Held> rest = new ArrayList<>();
            for (int r = 0; r < batch.size(); r++) {
                if (e.rows().containsKey(r)) {
                    refuse(batch.get(r), e.rows().get(r), open);
                } else {
                    rest.add(batch.get(r));
                }
            }
            send(rest, applied, open);
            return;
        }
        applied.addAll(batch);
        written += batch.size();
    }

    private void refuse(Held row, String reason, Map<String, Held> open) {
        refused.add(row.sku());
        open.remove(row.sku());
        webStock.forget(key(row.sku()));
        exceptions.raise(ExceptionRecord.openForStock(ExceptionType.STOCK_PUSH_REFUSED, shopId, row.sku(),
                "the shop refused stock " + row.stock() + " for " + row.sku() + ": " + reason, "", clock.instant()));
        LOG.log(Level.WARNING, "shop refused stock for " + row.sku() + ": " + reason);
    }

    private ShopSku key(String sku) {
        return new ShopSku(shopId, sku);
    }
}
