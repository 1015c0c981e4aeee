package com.shopkhaos.model.stock;

import com.shopkhaos.model.events.StockChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Port: sends to the {@code stock-changes} queue. Throws when a message was not accepted. */
public interface StockChangePublisher {

    void publish(StockChange change);

    /** Any number of codes, in messages of at most {@link StockChange#MAX_CODES}; nothing for none. */
    default void changed(Collection<String> stockCodes, String reason, Instant at) {
        send(stockCodes, reason, at, false);
    }

    /** As {@link #changed}, for codes whose stock the shop moved itself (an order placed or cancelled there). */
    default void shopChanged(Collection<String> stockCodes, String reason, Instant at) {
        send(stockCodes, reason, at, true);
    }

    private void send(Collection<String> stockCodes, String reason, Instant at, boolean shopChangedItself) {
        List<String> codes = new ArrayList<>(new TreeSet<>(stockCodes));
        for (int i = 0; i < codes.size(); i += StockChange.MAX_CODES) {
            List<String> part = codes.subList(i, Math.min(codes.size(), i + StockChange.MAX_CODES));
            publish(shopChangedItself ? StockChange.shopChanged(part, reason, at) : StockChange.of(part, reason, at));
        }
    }
}
