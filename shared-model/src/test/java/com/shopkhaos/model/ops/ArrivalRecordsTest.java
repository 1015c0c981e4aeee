package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.ordersync.Checkpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the last webhook, stock push and order pull arrived: noted at most once a minute, never in the arrival's way. */
class ArrivalRecordsTest {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final Map<String, Instant> stored = new HashMap<>();
    private final List<String> counted = new ArrayList<>();
    private boolean broken;

    private final Checkpoints checkpoints = new Checkpoints() {
        @Override
        public Optional<Instant> get(String name) {
            if (broken) {
                throw new IllegalStateException("table unreachable");
            }
            return Optional.ofNullable(stored.get(name));
        }

        @Override
        public boolean advance(String name, Optional<Instant> expected, Instant next) {
            stored.put(name, next);
            return true;
        }
    };

    private final OpsMetrics metrics = new OpsMetrics() {
        @Override
        public void counted(String name) {
            counted.add(name);
        }

        @Override
        public void level(String name, double value) {
        }
    };

    private ArrivalRecords records() {
        return new ArrivalRecords(metrics, checkpoints, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    @Test
    void anArrival_isCountedEveryTime_andNotedAtMostOnceAMinute() {
        ArrivalRecords records = records();
        records.counted(OpsMetrics.WEBHOOKS_RECEIVED);
        Instant first = now;
        now = now.plusSeconds(30);
        records.counted(OpsMetrics.WEBHOOKS_RECEIVED);
        assertThat(stored).containsEntry(ArrivalRecords.checkpoint(OpsMetrics.WEBHOOKS_RECEIVED), first);
        now = now.plus(Duration.ofSeconds(31));
        records.counted(OpsMetrics.WEBHOOKS_RECEIVED);
        assertThat(stored).containsEntry(ArrivalRecords.checkpoint(OpsMetrics.WEBHOOKS_RECEIVED), now);
        assertThat(counted).hasSize(3);
    }

    @Test
    void aStoreThatFails_neverFailsTheArrival() {
        broken = true;
        records().counted(OpsMetrics.KHAOS_STOCK_PUSHES);
        assertThat(counted).containsExactly(OpsMetrics.KHAOS_STOCK_PUSHES);
        assertThat(stored).isEmpty();
    }
}
