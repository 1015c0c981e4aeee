package com.shopkhaos.model.returns;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The customer returns we send Khaos, in memory, by AssociatedRef in the order added. */
public final class InMemoryCustomerReturns implements CustomerReturns {
    public final Map<String, CustomerReturn> returns = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(CustomerReturn customerReturn) {
        return returns.putIfAbsent(customerReturn.associatedRef(), customerReturn) == null;
    }

    @Override
    public synchronized Optional<CustomerReturn> find(String associatedRef) {
        return Optional.ofNullable(returns.get(associatedRef));
    }

    @Override
    public synchronized List<CustomerReturn> forOrder(String orderId) {
        return returns.values().stream().filter(r -> r.orderId().equals(orderId))
                .sorted(Comparator.comparingInt(CustomerReturn::sequence)).toList();
    }

    @Override
    public synchronized List<CustomerReturn> ready(int limit) {
        return returns.values().stream().filter(r -> r.state() == CustomerReturn.State.READY)
                .sorted(Comparator.comparing(CustomerReturn::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean downloaded(String associatedRef, String page, Instant at) {
        CustomerReturn r = returns.get(associatedRef);
        if (r == null || r.state() != CustomerReturn.State.READY) {
            return false;
        }
        returns.put(associatedRef, r.downloaded(page, at));
        return true;
    }
}
