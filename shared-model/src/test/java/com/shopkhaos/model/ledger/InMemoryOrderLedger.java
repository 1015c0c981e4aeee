package com.shopkhaos.model.ledger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The order ledger port in memory, with the same conditional writes as the table (create once; update only from the
 * version read); orders in a state that changed before a time come longest-waiting first, as the port says.
 * {@link #beforeNextUpdate} lets a test put another writer's change in between a read and a write;
 * {@link #beforeEveryUpdate} does so on every write.
 */
public final class InMemoryOrderLedger implements OrderLedger {
    public final Map<String, OrderLedgerEntry> entries = new TreeMap<>();
    public Runnable beforeNextUpdate;
    public Runnable beforeEveryUpdate;
    public int updates;

    @Override
    public Optional<OrderLedgerEntry> find(String orderId) {
        return Optional.ofNullable(entries.get(orderId));
    }

    @Override
    public void create(OrderLedgerEntry entry) {
        if (entries.putIfAbsent(entry.orderId(), entry) != null) {
            throw new LedgerVersionConflictException(entry.orderId(), 0);
        }
    }

    @Override
    public void update(OrderLedgerEntry changed) {
        updates++;
        if (beforeNextUpdate != null) {
            Runnable r = beforeNextUpdate;
            beforeNextUpdate = null;
            r.run();
        }
        if (beforeEveryUpdate != null) {
            beforeEveryUpdate.run();
        }
        OrderLedgerEntry stored = entries.get(changed.orderId());
        if (stored == null || stored.version() != changed.version() - 1) {
            throw new LedgerVersionConflictException(changed.orderId(), changed.version() - 1);
        }
        entries.put(changed.orderId(), changed);
    }

    @Override
    public List<OrderLedgerEntry> inState(OrderState state, int limit) {
        return entries.values().stream().filter(e -> e.state() == state).limit(limit).toList();
    }

    @Override
    public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
        return entries.values().stream().filter(e -> e.state() == state && e.updatedAt().isBefore(before))
                .sorted(Comparator.comparing(OrderLedgerEntry::updatedAt)).limit(limit).toList();
    }

    @Override
    public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
        return entries.values().stream().filter(e -> e.orderNumber().equals(orderNumber)).findFirst();
    }
}
