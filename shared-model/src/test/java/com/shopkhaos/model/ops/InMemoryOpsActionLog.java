package com.shopkhaos.model.ops;

import java.util.ArrayList;
import java.util.List;

/** Who did what, in memory, in the order it was recorded. */
public final class InMemoryOpsActionLog implements OpsActionLog {
    public final List<OpsAction> recorded = new ArrayList<>();

    @Override
    public synchronized void record(OpsAction action) {
        recorded.add(action);
    }

    @Override
    public synchronized List<OpsAction> forSubject(String subject) {
        return recorded.stream().filter(a -> a.subject().equals(subject)).toList();
    }
}
