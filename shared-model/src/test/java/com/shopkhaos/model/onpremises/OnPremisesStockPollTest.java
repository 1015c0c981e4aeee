package com.shopkhaos.model.onpremises;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.HandClock;
import com.shopkhaos.model.khaos.InMemoryKhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.InMemoryCheckpoints;
import com.shopkhaos.model.stock.InMemoryStockChangePublisher;
import com.shopkhaos.model.stock.InMemoryStockVersions;
import com.shopkhaos.model.events.StockChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stock from Khaos Control on premises, which pushes nothing: what changed since the last poll, into the same stock path. */
class OnPremisesStockPollTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemoryOnPremisesKhaos khaos = new InMemoryOnPremisesKhaos();
    private final InMemoryKhaosStockLevels stock = new InMemoryKhaosStockLevels(new InMemoryStockVersions());
    private final InMemoryStockChangePublisher stockChanges = new InMemoryStockChangePublisher();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final OnPremisesStockPoll poll = new OnPremisesStockPoll(khaos, stock, stockChanges, checkpoints, List.of(1, 2),
            Duration.ofMinutes(2), Duration.ofMinutes(5), clock);

    private List<String> queued() {
        return stockChanges.published.stream().flatMap(c -> c.stockCodes().stream()).toList();
    }

    @Test
    void theFirstPoll_readsEveryLevel_andLaterOnesWhatChangedSinceTheLast_reachingBackTheOverlap() {
        khaos.level(1, "HAT", 10, clock.instant().minusSeconds(3600));
        khaos.level(2, "HAT", 4, clock.instant().minusSeconds(3600));

        assertThat(poll.poll().codesChanged()).isEqualTo(1);
        assertThat(stock.levels("HAT")).extracting(StockLevel::site, l -> l.available().intValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, 10), org.assertj.core.groups.Tuple.tuple(2, 4));
        assertThat(queued()).containsExactly("HAT");

        clock.advance(Duration.ofMinutes(1));
        khaos.level(1, "SCARF", 3, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        poll.poll();

        assertThat(khaos.stockAsks).containsExactly(Optional.empty(), Optional.empty(),
                Optional.of(Instant.parse("2026-12-07T09:58:00Z")), Optional.of(Instant.parse("2026-12-07T09:58:00Z")));
        assertThat(queued()).containsExactly("HAT", "SCARF");
        assertThat(stockChanges.published).extracting(StockChange::reason).containsOnly("Khaos stock poll");
    }

    @Test
    void whileKhaosIsUnavailable_theWatermarkStays_andNoPollAsksAgainBeforeTheBackOffHasPassed() {
        khaos.level(1, "HAT", 10, clock.instant());
        khaos.stockUnavailable = true;

        assertThat(poll.poll().khaosUnavailable()).isTrue();
        assertThat(poll.poll().khaosUnavailable()).isTrue();
        assertThat(khaos.stockAsks).as("asked once").hasSize(1);

        khaos.stockUnavailable = false;
        clock.advance(Duration.ofMinutes(6));
        assertThat(poll.poll().codesChanged()).isEqualTo(1);
        assertThat(khaos.stockAsks.get(1)).as("from the start still: the watermark never moved").isEmpty();
    }
}
