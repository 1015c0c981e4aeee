package com.shopkhaos.model.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety buffer: a default for every stock code, overrides for some (the {@code mappings} table), and
 * time-boxed peak rules ("Black Friday week: 10% or at least 2"). While a peak rule is in force a code is
 * buffered by whichever is larger, its own rule or the peak's, so a peak never lowers a buffer. On top of those, the
 * {@link HotStockRule} holds back a unit or two of a code selling fast at low stock, only while it does.
 */
public record StockBufferPolicy(BufferRule defaultRule, List<PeakRule> peaks, HotStockRule hot) {

    /** A rule in force from {@code from} (inclusive) to {@code to} (exclusive). */
    public record PeakRule(Instant from, Instant to, BufferRule rule) {
        public boolean inForceAt(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    public StockBufferPolicy {
        peaks = List.copyOf(peaks);
        hot = hot == null ? HotStockRule.NONE : hot;
    }

    /** No hot-stock rule. */
    public StockBufferPolicy(BufferRule defaultRule, List<PeakRule> peaks) {
        this(defaultRule, peaks, HotStockRule.NONE);
    }

    /** Units held back of a code with {@code available}, given its own override (if any), at {@code at}. */
    public int unitsFor(BigDecimal available, BufferRule override, Instant at) {
        int units = (override == null ? defaultRule : override).unitsFor(available);
        for (PeakRule peak : peaks) {
            if (peak.inForceAt(at)) {
                units = Math.max(units, peak.rule().unitsFor(available));
            }
        }
        return units;
    }

    /**
     * Reads peak rules: {@code 2026-11-23T00:00:00Z/2026-12-01T00:00:00Z=10%,min2}, several separated by {@code ;}.
     */
    public static List<PeakRule> parsePeaks(String text) {
        return parsePeaks(text, "the peak buffers");
    }

    /** As {@link #parsePeaks(String)}; {@code setting} is what the refusals call the setting (the caller knows its name). */
    public static List<PeakRule> parsePeaks(String text, String setting) {
        List<PeakRule> peaks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return peaks;
        }
        for (String entry : text.split(";")) {
            int eq = entry.indexOf('=');
            int slash = entry.indexOf('/');
            if (eq < 0 || slash < 0 || slash > eq) {
                throw new IllegalArgumentException(setting + " entry \"" + entry.strip()
                        + "\" is not from/to=rule, e.g. 2026-11-23T00:00:00Z/2026-12-01T00:00:00Z=10%,min2");
            }
            try {
                Instant from = Instant.parse(entry.substring(0, slash).strip());
                Instant to = Instant.parse(entry.substring(slash + 1, eq).strip());
                if (!to.isAfter(from)) {
                    throw new IllegalArgumentException(setting + " entry \"" + entry.strip() + "\" ends before it starts");
                }
                peaks.add(new PeakRule(from, to, BufferRule.parse(entry.substring(eq + 1), setting)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(setting + " entry \"" + entry.strip() + "\": times are UTC like "
                        + "2026-11-23T00:00:00Z");
            }
        }
        return peaks;
    }

    /** Overrides as the mappings table holds them: stock code → rule text. */
    public static Map<String, BufferRule> parseOverrides(Map<String, String> byCode) {
        Map<String, BufferRule> out = new HashMap<>();
        byCode.forEach((code, rule) -> out.put(code, BufferRule.parse(rule, "buffer for " + code)));
        return out;
    }
}
