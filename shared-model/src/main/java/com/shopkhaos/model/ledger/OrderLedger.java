package com.shopkhaos.model.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: where order ledger entries are kept (DynamoDB table {@code orders}). */
public interface OrderLedger {

    Optional<OrderLedgerEntry> find(String orderId);

    /** The entries of these orders (the ones we know), by order id; read in batches where the store can. */
    default Map<String, OrderLedgerEntry> findAll(Collection<String> orderIds) {
        Map<String, OrderLedgerEntry> found = new LinkedHashMap<>();
        for (String id : orderIds) {
            find(id).ifPresent(e -> found.put(id, e));
        }
        return found;
    }

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

    /** The order a person named: by its shop order number, else by its order id. */
    default Optional<OrderLedgerEntry> findByRef(String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 64) {
            return Optional.empty();
        }
        Optional<OrderLedgerEntry> byNumber = findByOrderNumber(ref);
        return byNumber.isPresent() ? byNumber : ref.matches("[0-9a-f]{32}") ? find(ref) : Optional.empty();
    }

    /**
     * Applies {@code change} to the order's entry as it is stored now, reading it again when someone else changed it in
     * between ({@link ReadAgainOnConflict}); nothing when there is no such order.
     *
     * @throws LedgerVersionConflictException when it still conflicts after the last attempt (never a silent give-up)
     */
    default void change(String orderId, UnaryOperator<OrderLedgerEntry> change) {
        ReadAgainOnConflict.run(() -> find(orderId).ifPresent(current -> update(change.apply(current))));
    }
}
