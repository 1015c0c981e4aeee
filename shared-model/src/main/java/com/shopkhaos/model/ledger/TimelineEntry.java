package com.shopkhaos.model.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an order's history, as ops read it on the order's timeline.
 *
 * @param at     when it happened
 * @param state  the order's state after this line
 * @param event  what happened, short and stable (e.g. {@code webhook checkout.order.placed}, {@code READY → DOWNLOADED})
 * @param detail free text for people; never personal data
 */
public record TimelineEntry(Instant at, OrderState state, String event, String detail) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        detail = detail == null ? "" : detail;
    }
}
