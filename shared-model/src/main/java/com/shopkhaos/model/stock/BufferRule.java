package com.shopkhaos.model.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How much of Khaos's available stock is held back from the shop: a number of units, a percentage of what
 * is available (rounded up), or both (the larger wins: "10% or at least 2").
 */
public record BufferRule(int units, BigDecimal percent) {
    public static final BufferRule NONE = new BufferRule(0, BigDecimal.ZERO);

    public BufferRule {
        if (units < 0 || percent == null || percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("a stock buffer is 0 or more units and 0 to 100 percent");
        }
    }

    /** Units held back when {@code available} is available. */
    public int unitsFor(BigDecimal available) {
        if (available.signum() <= 0 || percent.signum() == 0) {
            return units;
        }
        int share = available.multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
        return Math.max(units, share);
    }

    /** Reads {@code 2}, {@code 10%}, or {@code 10%,min2} (spaces and case ignored). */
    public static BufferRule parse(String text, String setting) {
        String value = text == null ? "" : text.replace(" ", "").toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return NONE;
        }
        try {
            int units = 0;
            BigDecimal percent = BigDecimal.ZERO;
            for (String part : value.split(",")) {
                if (part.endsWith("%")) {
                    percent = new BigDecimal(part.substring(0, part.length() - 1));
                } else if (part.startsWith("min")) {
                    units = Integer.parseInt(part.substring(3));
                } else {
                    units = Integer.parseInt(part);
                }
            }
            return new BufferRule(units, percent);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + " \"" + text + "\" is not a buffer: write 2, 10% or 10%,min2");
        }
    }

    @Override
    public String toString() {
        return percent.signum() == 0 ? Integer.toString(units) : percent.stripTrailingZeros().toPlainString() + "%"
                + (units > 0 ? ",min" + units : "");
    }
}
