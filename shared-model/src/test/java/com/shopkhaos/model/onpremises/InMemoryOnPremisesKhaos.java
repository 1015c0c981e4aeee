package com.shopkhaos.model.onpremises;

import com.shopkhaos.model.khaos.StockLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Khaos Control on premises in memory: it imports each order it is sent (the order number is the document itself, or
 * what {@link #orderNumberOf} reads from it) under a new code, skips those given a reason, and answers a lookup from
 * what it imported. {@link #failNext} makes the next import fail: {@code lostAfterImport} imports first and then loses
 * the answer, as a timeout does.
 */
public final class InMemoryOnPremisesKhaos implements OnPremisesKhaos {
    /** What the next import call does instead of answering. */
    public enum Failure { UNAVAILABLE, NO_ANSWER, LOST_AFTER_IMPORT, REFUSED }

    public final Map<String, List<String>> importedCodes = new LinkedHashMap<>();
    public final Map<String, String> skipReasons = new HashMap<>();
    public final List<List<String>> importCalls = new ArrayList<>();
    public final List<List<String>> lookups = new ArrayList<>();
    public Function<String, String> orderNumberOf = document -> document;
    /** Site → stock code → (level, when it changed in Khaos). */
    public final Map<Integer, Map<String, Object[]>> levels = new TreeMap<>();
    public final List<Optional<Instant>> stockAsks = new ArrayList<>();
    public boolean stockUnavailable;

    /** Khaos's level of a code at a site changes {@code at}. */
    public synchronized void level(int site, String code, int level, Instant at) {
        levels.computeIfAbsent(site, s -> new TreeMap<>()).put(code, new Object[] {level, at});
    }
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int next = 1;

    public synchronized void failNext(Failure failure) {
        failures.add(failure);
    }

    @Override
    public synchronized Answer importOrders(List<String> salesOrders) {
        importCalls.add(List.copyOf(salesOrders));
        Failure failure = failures.poll();
        if (failure == Failure.UNAVAILABLE) {
            throw new UnavailableException("the server is down (simulated)");
        }
        if (failure == Failure.NO_ANSWER) {
            throw new NoAnswerException("no answer within 30 s (simulated), nothing imported");
        }
        if (failure == Failure.REFUSED) {
            throw new RefusedException("Internal error (simulated)");
        }
        Map<String, String> imported = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String document : salesOrders) {
            String number = orderNumberOf.apply(document);
            if (skipReasons.containsKey(number)) {
                skipped.put(number, skipReasons.get(number));
            } else {
                String code = String.format("SO%06d", next++);
                importedCodes.computeIfAbsent(number, n -> new ArrayList<>()).add(code);
                imported.put(number, code);
            }
        }
        if (failure == Failure.LOST_AFTER_IMPORT) {
            throw new NoAnswerException("no answer within 30 s (simulated), the orders imported all the same");
        }
        return new Answer(imported, skipped);
    }

    @Override
    public synchronized Map<String, String> imported(Collection<String> orderNumbers) {
        lookups.add(List.copyOf(orderNumbers));
        Map<String, String> found = new LinkedHashMap<>();
        orderNumbers.forEach(n -> {
            if (importedCodes.containsKey(n)) {
                found.put(n, importedCodes.get(n).get(0));
            }
        });
        return found;
    }

    @Override
    public synchronized List<StockLevel> stockChangedSince(Optional<Instant> since, int site, Instant at) {
        stockAsks.add(since);
        if (stockUnavailable) {
            throw new UnavailableException("the server is down (simulated)");
        }
        List<StockLevel> out = new ArrayList<>();
        levels.getOrDefault(site, Map.of()).forEach((code, v) -> {
            if (since.isEmpty() || !((Instant) v[1]).isBefore(since.get())) {
                out.add(new StockLevel(code, "", site, BigDecimal.valueOf((Integer) v[0]), at));
            }
        });
        return out;
    }
}
