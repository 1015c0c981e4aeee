package com.shopkhaos.model.onpremises;

import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.Checkpoints;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Khaos Control on premises' stock levels that changed since the last poll (Khaos does not push them) into the
 * same stock path KCC's pushes take: each figure stored unless a later one is, and the codes stored queued for the
 * stock push (sellable = available − buffer − in flight, changes only). The watermark moves only once the change is
 * queued, and each poll reaches back {@code overlap} before it: the service's dates are UK local time to the second,
 * so a level changed in the second the last poll ran is read again rather than missed. While Khaos is unavailable the
 * senders' stored back-off holds the poll off too.
 */
public final class OnPremisesStockPoll {
    private static final System.Logger LOG = System.getLogger(OnPremisesStockPoll.class.getName());
    static final String WATERMARK = "onprem-stock-since";

    /** What one poll did. */
    public record Report(int levelsRead, int codesChanged, boolean khaosUnavailable) {
    }

    private final OnPremisesKhaos khaos;
    private final KhaosStockLevels stock;
    private final StockChangePublisher stockChanges;
    private final Checkpoints checkpoints;
    private final List<Integer> sites;
    private final Duration overlap;
    private final Duration backOff;
    private final Clock clock;

    /** @param sites the Khaos sites whose levels count for the web (the stock push's web sites) */
    public OnPremisesStockPoll(OnPremisesKhaos khaos, KhaosStockLevels stock, StockChangePublisher stockChanges,
                               Checkpoints checkpoints, List<Integer> sites, Duration overlap, Duration backOff, Clock clock) {
        this.khaos = khaos;
        this.stock = stock;
        this.stockChanges = stockChanges;
        this.checkpoints = checkpoints;
        this.sites = List.copyOf(sites);
        this.overlap = overlap;
        this.backOff = backOff;
        this.clock = clock;
    }

    public Report poll() {
        Instant now = clock.instant();
        Optional<Instant> down = checkpoints.get(OnPremisesOrderSender.BACK_OFF);
        if (down.isPresent() && now.isBefore(down.get())) {
            return new Report(0, 0, true);
        }
        Optional<Instant> since = checkpoints.get(WATERMARK);
        List<StockLevel> levels = new ArrayList<>();
        try {
            for (int site : sites) {
                levels.addAll(khaos.stockChangedSince(since.map(s -> s.minus(overlap)), site, now));
            }
        } catch (OnPremisesKhaos.UnavailableException e) {
            checkpoints.advance(OnPremisesOrderSender.BACK_OFF, down, now.plus(backOff));
            LOG.log(Level.WARNING, "Khaos on premises is unavailable; stock is read again after the back-off: " + e.getMessage());
            return new Report(0, 0, true);
        }
        Set<String> changed = stock.record(levels);
        stockChanges.changed(changed, "Khaos stock poll", now);
        checkpoints.advance(WATERMARK, since, now);
        return new Report(levels.size(), changed.size(), false);
    }
}
