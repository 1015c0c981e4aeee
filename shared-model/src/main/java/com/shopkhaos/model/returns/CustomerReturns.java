package com.shopkhaos.model.returns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the customer returns we send Khaos, by AssociatedRef (DynamoDB table {@code returns}). */
public interface CustomerReturns {

    /** Keeps a new return; false (nothing changed) when one of its AssociatedRef is kept already. */
    boolean add(CustomerReturn customerReturn);

    Optional<CustomerReturn> find(String associatedRef);

    /** An order's returns, by sequence. */
    List<CustomerReturn> forOrder(String orderId);

    /** Up to {@code limit} READY returns, oldest first. */
    List<CustomerReturn> ready(int limit);

    /** Marks a READY return downloaded in that page; false when it was not READY (acknowledged already). */
    boolean downloaded(String associatedRef, String page, Instant at);
}
