package com.shopkhaos.model.stock;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes stock to one shop in bulk requests of {@code batchSize}. Shopware applies a request whole or not at all:
 * when it refuses one because of some rows, the request is sent again without them (or, when it does not say
 * which, split in halves until it does), and each refused row goes to a person. What was written is remembered.
 */
final class StockWriter {
    private static final System.Logger LOG = System.getLogger(StockWriter.class.getName());

    private final ShopProducts products;
    private final WebStock webStock;
    private final ExceptionLedger exceptions;
    private final Clock clock;
    private final String shopId;
    private final Map<String, Boolean> closeoutBySku;
    int requests;
    int written;
    final List<String> refused = new ArrayList<>();

    StockWriter(ShopProducts products, WebStock webStock, ExceptionLedger exceptions, Clock clock, String shopId,
                Map<String, Boolean> closeoutBySku) {
        this.products = products;
        this.webStock = webStock;
        this.exceptions = exceptions;
        this.clock = clock;
        this.shopId = shopId;
        this.closeoutBySku = closeoutBySku;
    }

    void write(List<ShopProducts.StockWrite> writes, int batchSize) {
        for (int i = 0; i < writes.size(); i += batchSize) {
            send(writes.subList(i, Math.min(writes.size(), i + batchSize)));
        }
    }

    private void send(List<ShopProducts.StockWrite> batch) {
        if (batch.isEmpty()) {
            return;
        }
        requests++;
        try {
            products.setStock(shopId, batch);
        } catch (ShopProducts.RowsRefusedException e) {
            if (e.rows().isEmpty()) {
                if (batch.size() == 1) {
                    refuse(batch.get(0), e.getMessage());
                    return;
                }
                int half = batch.size() / 2;
                send(batch.subList(0, half));
                send(batch.subList(half, batch.size()));
                return;
            }
            List<ShopProducts.StockWrite> rest = new ArrayList<>();
            for (int r = 0; r < batch.size(); r++) {
                if (e.rows().containsKey(r)) {
                    refuse(batch.get(r), e.rows().get(r));
                } else {
                    rest.add(batch.get(r));
                }
            }
            send(rest);
            return;
        }
        Instant now = clock.instant();
        List<WebStock.Entry> entries = new ArrayList<>();
        for (ShopProducts.StockWrite w : batch) {
            entries.add(new WebStock.Entry(StockPushService.key(shopId, w.sku()), w.productId(),
                    closeoutBySku.getOrDefault(w.sku(), false), w.stock(), now));
        }
        webStock.rememberAll(entries);
        written += batch.size();
    }

    private void refuse(ShopProducts.StockWrite write, String reason) {
        refused.add(write.sku());
        webStock.forget(StockPushService.key(shopId, write.sku()));
        exceptions.raise(ExceptionRecord.open(ExceptionType.STOCK_PUSH_REFUSED, write.sku(), "the shop refused stock "
                + write.stock() + " for " + write.sku() + ": " + reason, "", clock.instant()));
        LOG.log(Level.WARNING, "shop refused stock for " + write.sku() + ": " + reason);
    }
}
