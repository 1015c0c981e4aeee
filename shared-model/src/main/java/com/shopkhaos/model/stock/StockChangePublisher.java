package com.shopkhaos.model.stock;

import com.shopkhaos.model.events.StockChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Port: sends to the {@code stock-changes} queue. Throws when a message was not accepted. */
public interface StockChangePublisher {

    void publish(StockChange change);

    /** Any number of codes, in messages of at most {@link StockChange#MAX_CODES}; nothing for none. */
    default void changed(Collection<String> stockCodes, String reason, Instant at) {
        List<String> codes = new ArrayList<>(new java.util.TreeSet<>(stockCodes));
        for (int i = 0; i < codes.size(); i += StockChange.MAX_CODES) {
            publish(StockChange.of(codes.subList(i, Math.min(codes.size(), i + StockChange.MAX_CODES)), reason, at));
        }
    }
}
