package com.shopkhaos.model.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Port: finds the stored entries that still hold a customer's personal data, and erases what cannot go through
 * another port (an exception's evidence, Khaos's raw uploads). Erasing marks the entry, so a second run finds nothing.
 */
public interface PersonalDataStores {

    /** Ids of orders whose sales order still holds personal data and that last changed before {@code before}; at most {@code limit}. */
    List<String> ordersHoldingPersonalData(Instant before, int limit);

    /** Ids of orders, of any age, whose sales order still names this email address (lower case). */
    List<String> ordersOfCustomer(String email);

    /** Ids of exceptions with evidence not yet erased and last seen before {@code before}; at most {@code limit}. */
    List<String> exceptionsHoldingPersonalData(Instant before, int limit);

    /** Ids of exceptions whose evidence (not yet erased) mentions any of these, in any case. */
    List<String> exceptionsMentioning(Set<String> needles);

    /** Replaces the exception's evidence with a note and marks it; false when it was erased already or is gone. */
    boolean eraseExceptionEvidence(String exceptionId, Instant at);

    /** Erases the kept Khaos uploads that mention any of these, in any case; how many. */
    int eraseUploadsMentioning(Set<String> needles, Instant at);
}
