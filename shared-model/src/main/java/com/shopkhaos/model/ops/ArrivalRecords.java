package com.shopkhaos.model.ops;

import com.shopkhaos.model.ordersync.Checkpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alarms' figures, and when the last webhook, Khaos stock push and order pull arrived kept as checkpoints
 * ({@code arrival#<metric>}) for the console's health view: written at most once a minute per running function, and
 * never in the way of the arrival itself (a failure to note it is only logged).
 */
public final class ArrivalRecords implements OpsMetrics {
    static final Set<String> ARRIVALS = Set.of(WEBHOOKS_RECEIVED, KHAOS_STOCK_PUSHES, KHAOS_ORDER_PULLS);
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(ArrivalRecords.class.getName());

    private final OpsMetrics metrics;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final Map<String, Instant> noted = new ConcurrentHashMap<>();

    public ArrivalRecords(OpsMetrics metrics, Checkpoints checkpoints, Clock clock) {
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    public static String checkpoint(String metric) {
        return "arrival#" + metric;
    }

    /** When each arrival was last noted, for a person: "3 min ago (to the minute)", "none yet", "could not be read". */
    public static Map<String, String> lastArrivals(Checkpoints checkpoints, Instant now) {
        Map<String, String> labels = Map.of(WEBHOOKS_RECEIVED, "Last webhook from the shop", KHAOS_STOCK_PUSHES,
                "Last stock push from Khaos", KHAOS_ORDER_PULLS, "Last order pull by Khaos");
        Map<String, String> out = new TreeMap<>();
        labels.forEach((metric, label) -> {
            try {
                out.put(label, checkpoints.get(checkpoint(metric))
                        .map(at -> Duration.between(at, now).toMinutes() + " min ago (to the minute)").orElse("none yet"));
            } catch (RuntimeException e) {
                out.put(label, "could not be read");
            }
        });
        return out;
    }

    @Override
    public void counted(String name) {
        metrics.counted(name);
        if (!ARRIVALS.contains(name)) {
            return;
        }
        Instant now = clock.instant();
        Instant last = noted.get(name);
        if (last != null && last.plus(AT_MOST_EVERY).isAfter(now)) {
            return;
        }
        noted.put(name, now);
        try {
            Optional<Instant> current = checkpoints.get(checkpoint(name));
            if (current.isEmpty() || current.get().isBefore(now)) {
                checkpoints.advance(checkpoint(name), current, now);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not note the " + name + " arrival for the health view: " + e.getMessage());
        }
    }

    @Override
    public void level(String name, double value) {
        metrics.level(name, value);
    }
}
