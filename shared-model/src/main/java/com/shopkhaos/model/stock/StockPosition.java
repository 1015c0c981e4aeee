package com.shopkhaos.model.stock;

import com.shopkhaos.model.khaos.StockLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sellable stock of one Khaos stock code: max(0, Available − safety buffer − in-flight). Available is the sum
 * over the web sites of Khaos's latest figures (whole units, rounded down). An order's hold counts while
 * Khaos's figures predate its import; once a figure arrives after the import (Khaos's Available now includes
 * it) or {@code settle} has passed since (Khaos sent nothing newer, so the figure it sent before the status
 * already did), it no longer does. A code selling fast at low stock may hold back more ({@link HotStockRule}); the
 * {@code buffer} includes that.
 *
 * @param available empty when Khaos never reported the code at a web site: nothing can be sold on a guess
 */
public record StockPosition(String stockCode, Optional<BigDecimal> available, Instant figuresAt, int inFlight, int buffer,
                            int sellable) {

    public static StockPosition of(String stockCode, List<StockLevel> levels, List<InFlightHold> holds, WebSites sites,
                                   StockBufferPolicy buffers, BufferRule override, Instant now, Duration settle) {
        List<StockLevel> counted = levels.stream().filter(l -> sites.counts(l.site())).toList();
        Optional<BigDecimal> available = counted.isEmpty() ? Optional.empty()
                : Optional.of(counted.stream().map(StockLevel::available).reduce(BigDecimal.ZERO, BigDecimal::add));
        Instant figuresAt = counted.stream().map(StockLevel::receivedAt).max(Instant::compareTo).orElse(null);
        List<InFlightHold> counting = holds.stream().filter(h -> stillCounts(h, figuresAt, now, settle)).toList();
        int inFlight = counting.stream().mapToInt(InFlightHold::quantity).sum();
        BigDecimal units = available.orElse(BigDecimal.ZERO);
        int whole = units.setScale(0, RoundingMode.FLOOR).intValue();
        int buffer = buffers.unitsFor(units, override, now);
        int beforeHot = Math.max(0, whole - buffer - inFlight);
        buffer += buffers.hot().unitsFor((int) counting.stream().map(InFlightHold::orderId).distinct().count(), beforeHot);
        int sellable = available.isEmpty() ? 0 : Math.max(0, whole - buffer - inFlight);
        return new StockPosition(stockCode, available, figuresAt, inFlight, buffer, sellable);
    }

    /** Whether Khaos's figures may not include this order yet. */
    public static boolean stillCounts(InFlightHold hold, Instant figuresAt, Instant now, Duration settle) {
        if (hold.importedAt() == null) {
            return true;
        }
        boolean figureAfterImport = figuresAt != null && figuresAt.isAfter(hold.importedAt());
        return !figureAfterImport && hold.importedAt().plus(settle).isAfter(now);
    }

    public boolean negative() {
        return available.map(a -> a.signum() < 0).orElse(false);
    }
}
