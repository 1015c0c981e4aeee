package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosShipment;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code shipments} table in memory: per order, each shipment by its ID with a version every write must match, and
 * the order's write-back lock (held by one owner until its time runs out; given back only by its owner).
 * {@link #failNext} makes the next read of an order's shipments fail (the table unreachable).
 */
public final class InMemoryShipmentBook implements ShipmentBook {
    private record Lock(String owner, Instant until) {
    }

    private final Map<String, Map<String, Kept>> byOrder = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    public int locksTaken;
    public int locksGivenBack;

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    /** Keeps the shipment as the channel does when Khaos reports it (over whatever version is kept). */
    public synchronized void keep(String orderId, KhaosShipment shipment) {
        Kept known = byOrder.getOrDefault(orderId, Map.of()).get(shipment.id());
        put(orderId, shipment, known == null ? 0 : known.version());
    }

    @Override
    public synchronized Map<String, Kept> forOrder(String orderId) {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        return new LinkedHashMap<>(byOrder.getOrDefault(orderId, Map.of()));
    }

    @Override
    public synchronized boolean put(String orderId, KhaosShipment shipment, long expectedVersion) {
        Map<String, Kept> kept = byOrder.computeIfAbsent(orderId, o -> new LinkedHashMap<>());
        Kept known = kept.get(shipment.id());
        long stored = known == null ? 0 : known.version();
        if (stored != expectedVersion) {
            return false;
        }
        kept.put(shipment.id(), new Kept(shipment, expectedVersion + 1));
        return true;
    }

    @Override
    public synchronized boolean lockWriteback(String orderId, String owner, Instant until, Instant now) {
        Lock held = locks.get(orderId);
        if (held != null && !held.until().isBefore(now) && !held.owner().equals(owner)) {
            return false;
        }
        locks.put(orderId, new Lock(owner, until));
        locksTaken++;
        return true;
    }

    @Override
    public synchronized void unlockWriteback(String orderId, String owner) {
        Lock held = locks.get(orderId);
        if (held != null && held.owner().equals(owner)) {
            locks.remove(orderId);
            locksGivenBack++;
        }
    }

    /** Who holds the order's write-back now, if anyone (whether or not its time ran out). */
    public synchronized Optional<String> lockHolder(String orderId) {
        return Optional.ofNullable(locks.get(orderId)).map(Lock::owner);
    }
}
