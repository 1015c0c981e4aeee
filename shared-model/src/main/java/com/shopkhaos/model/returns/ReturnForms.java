package com.shopkhaos.model.returns;

import java.util.List;
import java.util.Map;

/**
 * Khaos's form of returns about to be served (the adapter writes each from the sales order Khaos was sent). A return it
 * cannot write (that order's sales order unreadable, a line not on it) is named with why, so it is set aside for a person
 * instead of failing the whole download: the returns behind it still reach Khaos.
 */
@FunctionalInterface
public interface ReturnForms {
    /** Every form written, for the answer; answers the AssociatedRefs of those that could not be, with why. */
    Map<String, String> write(List<CustomerReturn> returns);

    /** Writes nothing and finds nothing wrong (the feed's own tests). */
    ReturnForms NONE = returns -> Map.of();
}
