package com.shopkhaos.model.stock;

import java.util.Collection;
import java.util.Map;

/**
 * Port: per stock code, the sequence of the inputs its sellable figure is computed from. Every store that changes
 * such an input (a Khaos figure stored, an in-flight hold placed, changed, settled or released) bumps the code's
 * sequence after its write, so a figure worked out from inputs read after reading sequence {@code n} includes every
 * change numbered {@code n} or lower. A push reads the sequence first, then the inputs, and claims the shop's stock
 * with that sequence ({@link WebStock#claim}): a figure from older inputs never overwrites one from newer inputs.
 * Kept in the in-flight table (one item per code).
 */
public interface StockVersions {

    /** Adds one to each code's sequence (after the input changed). */
    void bump(Collection<String> stockCodes);

    /** Each code's sequence now (0 for a code never bumped). */
    Map<String, Long> current(Collection<String> stockCodes);

    /** Every code's sequence (the full reconcile reads them once, before the inputs). */
    Map<String, Long> all();
}
