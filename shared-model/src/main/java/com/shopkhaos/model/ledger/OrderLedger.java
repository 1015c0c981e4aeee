package com.shopkhaos.model.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where order ledger entries are kept (DynamoDB table {@code orders}). */
public interface OrderLedger {

    Optional<OrderLedgerEntry> find(String orderId);

    /**
     * Stores a first entry.
     *
     * @throws LedgerVersionConflictException when an entry for the order already exists
     */
    void create(OrderLedgerEntry entry);

    /**
     * Replaces the stored entry with {@code changed}, only if the stored one still has
     * {@code changed.version() - 1}.
     *
     * @throws LedgerVersionConflictException when it was changed in between
     */
    void update(OrderLedgerEntry changed);

    /** Orders in a state, most recently changed first. */
    List<OrderLedgerEntry> inState(OrderState state, int limit);

    /** Orders in a state that last changed before {@code before}, longest-waiting first. */
    List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit);

    /** The order with this shop order number (Khaos's AssociatedRef), if we know it. */
    Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber);
}
