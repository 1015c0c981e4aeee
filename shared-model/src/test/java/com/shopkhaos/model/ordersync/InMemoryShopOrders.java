package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.ShopOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's orders in memory, as the Admin API answers them: an order as it is now (empty once deleted), and the
 * orders created or changed in a window, oldest first. {@link #failNext} makes the next call fail as an unreachable
 * shop does (a transient failure); {@link #unreadable} makes an order answer in a form that cannot be read.
 */
public final class InMemoryShopOrders implements ShopOrders {
    private record Stored(String shopId, ShopOrder order, Instant changedAt) {
    }

    /** A window the sweep asked for. */
    public record Window(String shopId, Instant from, Instant to) {
    }

    private final Map<String, Stored> orders = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    /** Every order id fetched, in order. */
    public final List<String> fetched = new ArrayList<>();
    public final List<Window> windows = new ArrayList<>();

    /** The order is in the shop as given, last changed (or created) at {@code changedAt}. */
    public synchronized void put(String shopId, ShopOrder order, Instant changedAt) {
        orders.put(order.orderId(), new Stored(shopId, order, changedAt));
    }

    /** The order was deleted in the shop. */
    public synchronized void delete(String orderId) {
        orders.remove(orderId);
    }

    /** The shop answers this order with something that cannot be read (a permanent problem). */
    public synchronized void unreadable(String orderId, String reason) {
        unreadable.put(orderId, reason);
    }

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized Optional<ShopOrder> fetch(String shopId, String orderId) {
        fetched.add(orderId);
        failIfAsked();
        if (unreadable.containsKey(orderId)) {
            throw new ShopOrderUnreadableException(orderId, unreadable.get(orderId));
        }
        return Optional.ofNullable(orders.get(orderId)).filter(s -> s.shopId().equals(shopId)).map(Stored::order);
    }

    @Override
    public synchronized List<ChangedOrder> changedBetween(String shopId, Instant from, Instant to) {
        windows.add(new Window(shopId, from, to));
        failIfAsked();
        return orders.values().stream()
                .filter(s -> s.shopId().equals(shopId) && !s.changedAt().isBefore(from) && s.changedAt().isBefore(to))
                .sorted(Comparator.comparing(Stored::changedAt))
                .map(s -> new ChangedOrder(s.order().orderId(), s.order().orderNumber())).toList();
    }

    /** Pages of {@value #PAGE}, as the Admin API's search is read. */
    public static final int PAGE = 500;

    @Override
    public void placedBetween(String shopId, Instant from, Instant to, Consumer<List<ShopOrder>> eachPage) {
        List<ShopOrder> placed;
        synchronized (this) {
            failIfAsked();
            placed = orders.values().stream().filter(s -> s.shopId().equals(shopId) && !s.order().placedAt().isBefore(from)
                    && s.order().placedAt().isBefore(to)).map(Stored::order).sorted(Comparator.comparing(ShopOrder::placedAt)).toList();
        }
        for (int i = 0; i < placed.size(); i += PAGE) {
            eachPage.accept(placed.subList(i, Math.min(placed.size(), i + PAGE)));
        }
    }

    @Override
    public synchronized List<ShopOrder> fetchAll(String shopId, Collection<String> orderIds) {
        failIfAsked();
        return orderIds.stream().map(orders::get).filter(s -> s != null && s.shopId().equals(shopId)).map(Stored::order).toList();
    }

    @Override
    public synchronized List<ShopOrder> byOrderNumbers(String shopId, Collection<String> orderNumbers) {
        failIfAsked();
        return orders.values().stream().filter(s -> s.shopId().equals(shopId) && orderNumbers.contains(s.order().orderNumber()))
                .map(Stored::order).toList();
    }

    private final Map<String, Map<String, BigDecimal>> refunds = new LinkedHashMap<>();
    private boolean refundsRefused;

    /** A payment extension recorded this refund of the order's payment. */
    public synchronized void refunded(String orderId, String transactionId, String amount) {
        refunds.computeIfAbsent(orderId, k -> new LinkedHashMap<>()).merge(transactionId, new BigDecimal(amount), BigDecimal::add);
    }

    /** The shop will not show refund records (the app's permission to read them is not accepted). */
    public synchronized void refundsRefused() {
        refundsRefused = true;
    }

    @Override
    public synchronized Optional<Map<String, BigDecimal>> refundedAmounts(String shopId, String orderId) {
        failIfAsked();
        return refundsRefused ? Optional.empty() : Optional.of(Map.copyOf(refunds.getOrDefault(orderId, Map.of())));
    }

    /** The shop's own returns (Commercial), by order; an order not named: the shop cannot say. */
    public final Map<String, List<com.shopkhaos.model.returns.ShopReturnLine>> shopReturns = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public synchronized Optional<List<com.shopkhaos.model.returns.ShopReturnLine>> returnedLines(String shopId, String orderId) {
        failIfAsked();
        return Optional.ofNullable(shopReturns.get(orderId)).map(List::copyOf);
    }

    private void failIfAsked() {
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
    }
}
