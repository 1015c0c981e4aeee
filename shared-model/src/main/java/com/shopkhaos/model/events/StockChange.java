package com.shopkhaos.model.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code stock-changes} queue message: stock codes whose sellable figure may have changed, and why
 * (a Khaos stock push, an order taking or releasing stock, the catalogue). Versioned like order-events.
 *
 * @param shopChangedItself the shop moved these products' stock itself (an order placed or cancelled takes or gives
 *                          back units), so what we last wrote is no longer what it shows: write the figure again
 *                          even when it equals the last one written (absent in older messages: false)
 * @param timePassed        the figure changed by itself as time passed (an imported order's hold stopped counting when
 *                          its settle time ran out): no store numbered that change, so the push numbers it first, by
 *                          bumping the codes' sequences, and a push worked out before it can no longer land last
 *                          (absent in older messages: false)
 */
public record StockChange(int schemaVersion, List<String> stockCodes, String reason, Instant at, boolean shopChangedItself,
                          boolean timePassed) {
    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_CODES = 100;

    public StockChange {
        Objects.requireNonNull(at, "at");
        stockCodes = List.copyOf(stockCodes);
        reason = reason == null ? "" : reason;
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more");
        }
        if (schemaVersion > SCHEMA_VERSION) {
            throw new UnsupportedMessageVersionException("stock-changes", schemaVersion, SCHEMA_VERSION);
        }
        if (stockCodes.isEmpty() || stockCodes.size() > MAX_CODES) {
            throw new IllegalArgumentException("a stock-changes message names 1 to " + MAX_CODES + " stock codes");
        }
    }

    public static StockChange of(List<String> codes, String reason, Instant at) {
        return new StockChange(SCHEMA_VERSION, codes, reason, at, false, false);
    }

    public static StockChange shopChanged(List<String> codes, String reason, Instant at) {
        return new StockChange(SCHEMA_VERSION, codes, reason, at, true, false);
    }

    public static StockChange timePassed(List<String> codes, String reason, Instant at) {
        return new StockChange(SCHEMA_VERSION, codes, reason, at, false, true);
    }
}
