package com.shopkhaos.model.stock;

import com.shopkhaos.model.events.StockChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Port: sends to the {@code stock-changes} queue. Throws when a message was not accepted. */
public interface StockChangePublisher {
    /** The longest a queue keeps a message back before delivering it (SQS's {@code DelaySeconds}: 15 minutes). */
    Duration LONGEST_DELAY = Duration.ofMinutes(15);

    /** Sends the change, delivered after {@code delay} (at most {@link #LONGEST_DELAY}; zero: at once). */
    void publish(StockChange change, Duration delay);

    default void publish(StockChange change) {
        publish(change, Duration.ZERO);
    }

    /** Any number of codes, in messages of at most {@link StockChange#MAX_CODES}; nothing for none. */
    default void changed(Collection<String> stockCodes, String reason, Instant at) {
        send(stockCodes, reason, at, StockChange::of, Duration.ZERO);
    }

    /** As {@link #changed}, for codes whose stock the shop moved itself (an order placed or cancelled there). */
    default void shopChanged(Collection<String> stockCodes, String reason, Instant at) {
        send(stockCodes, reason, at, StockChange::shopChanged, Duration.ZERO);
    }

    /**
     * As {@link #changed}, delivered {@code after} this long (capped at {@link #LONGEST_DELAY}): for a figure that
     * changes by itself when time passes (an imported order's hold stops counting once its settle time runs out).
     */
    default void changedAfter(Collection<String> stockCodes, String reason, Instant at, Duration after) {
        send(stockCodes, reason, at, StockChange::timePassed, after.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : after);
    }

    /** How a message is made of some codes, a reason and a time. */
    interface Kind {
        StockChange of(List<String> codes, String reason, Instant at);
    }

    private void send(Collection<String> stockCodes, String reason, Instant at, Kind kind, Duration delay) {
        List<String> codes = new ArrayList<>(new TreeSet<>(stockCodes));
        for (int i = 0; i < codes.size(); i += StockChange.MAX_CODES) {
            publish(kind.of(codes.subList(i, Math.min(codes.size(), i + StockChange.MAX_CODES)), reason, at), delay);
        }
    }
}
