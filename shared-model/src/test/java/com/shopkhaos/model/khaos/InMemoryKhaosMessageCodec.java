package com.shopkhaos.model.khaos;

import com.shopkhaos.model.intake.UnreadableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads pushes from Khaos without their wire format: a test says what an upload holds ({@link #orderStatuses},
 * {@link #stockStatuses}, {@link #catalogue}) and gets the body Khaos would send; reading that body gives the upload
 * back, as the real codec would read it: a StockUpload's tax rate codes turned into percentages by the table it is
 * given, every figure of a StockStatusUpload stamped with the time of receipt. Any other body, or a body read as
 * another kind of upload than it is, is unreadable.
 */
public final class InMemoryKhaosMessageCodec implements KhaosMessageCodec {
    private final Map<String, OrderStatusUpload> orderStatuses = new HashMap<>();
    private final Map<String, StockStatusUpload> stockStatuses = new HashMap<>();
    private final Map<String, CatalogueChange> catalogues = new HashMap<>();
    private int bodies;

    /** The body of an OrderStatusUpload holding {@code upload}. */
    public synchronized byte[] orderStatuses(OrderStatusUpload upload) {
        String body = "OrderStatusUpload#" + ++bodies;
        orderStatuses.put(body, upload);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a StockStatusUpload holding {@code upload} (its figures' times of receipt are replaced when read). */
    public synchronized byte[] stockStatuses(StockStatusUpload upload) {
        String body = "StockStatusUpload#" + ++bodies;
        stockStatuses.put(body, upload);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a StockUpload holding {@code change} (its items' percentages are looked up when read). */
    public synchronized byte[] catalogue(CatalogueChange change) {
        String body = "StockUpload#" + ++bodies;
        catalogues.put(body, change);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized OrderStatusUpload readOrderStatuses(byte[] body) throws UnreadableMessageException {
        return found(orderStatuses, body, "OrderStatusUpload");
    }

    @Override
    public synchronized StockStatusUpload readStockStatuses(byte[] body, Instant at) throws UnreadableMessageException {
        StockStatusUpload upload = found(stockStatuses, body, "StockStatusUpload");
        return new StockStatusUpload(upload.levels().stream()
                .map(l -> new StockLevel(l.stockCode(), l.stockId(), l.site(), l.available(), at)).toList(),
                upload.unreadableEntries());
    }

    @Override
    public synchronized CatalogueChange readStockUpload(byte[] body, TaxRateTable taxRates, Instant at)
            throws UnreadableMessageException {
        CatalogueChange change = found(catalogues, body, "StockUpload");
        return new CatalogueChange(change.items().stream()
                .map(i -> new CatalogueItem(i.stockId(), i.stockCode(), i.description(), i.otherRef(), i.taxRateCode(),
                        taxRates.percentFor(i.taxRateCode()), i.discontinued(), i.runToZero(), i.stockControlled(),
                        i.publishOnWeb(), i.nonPhysical(), false, at, i.listing()))
                .toList(), change.deletedStockIds());
    }

    @Override
    public int readPriceLists(byte[] body) throws UnreadableMessageException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains("UploadPriceLists")) {
            throw new UnreadableMessageException("not a PriceListUpload (no UploadPriceLists list)");
        }
        return text.split("\"StockID\"", -1).length - 1;
    }

    private static <T> T found(Map<String, T> readings, byte[] body, String kind) throws UnreadableMessageException {
        T reading = readings.get(new String(body, StandardCharsets.UTF_8));
        if (reading == null) {
            throw new UnreadableMessageException("not a " + kind);
        }
        return reading;
    }
}
