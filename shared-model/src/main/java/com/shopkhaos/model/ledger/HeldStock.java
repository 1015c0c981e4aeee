package com.shopkhaos.model.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The units of each stock code an order's in-flight holds take, as the ledger recorded them once their stock change
 * was on the queue. Order-sync compares the order as the shop has it now with this record, so an order whose lines did
 * not change costs no write and no read of the holds.
 * {@link #UNKNOWN} for an entry written before the ledger kept it: then the holds themselves are read.
 *
 * @param known whether the ledger recorded it (an order found with nothing held is known and empty)
 * @param units stock code → units held (none of 0)
 */
public record HeldStock(boolean known, Map<String, Integer> units) {
    /** Not recorded: what the order holds is read from the holds. */
    public static final HeldStock UNKNOWN = new HeldStock(false, Map.of());
    /** Recorded: the order holds nothing. */
    public static final HeldStock NONE = new HeldStock(true, Map.of());

    public HeldStock {
        units = known ? Map.copyOf(new TreeMap<>(units)) : Map.of();
        if (units.values().stream().anyMatch(u -> u == null || u <= 0)) {
            throw new IllegalArgumentException("held units are positive: " + units);
        }
    }

    public static HeldStock of(Map<String, Integer> units) {
        return units.isEmpty() ? NONE : new HeldStock(true, units);
    }

    /** The units, when recorded. */
    public Optional<Map<String, Integer>> recorded() {
        return known ? Optional.of(units) : Optional.empty();
    }

    /** As the timeline says it: {@code 2 × SCARF, 1 × HAT}, or {@code nothing}. */
    public String describe() {
        if (!known) {
            return "not recorded";
        }
        return units.isEmpty() ? "nothing" : new TreeMap<>(units).entrySet().stream()
                .map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining(", "));
    }
}
