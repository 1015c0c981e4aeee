package com.shopkhaos.model.ledger;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a Shopware order stands on its way into Khaos Control and back.
 *
 * <pre>
 * RECEIVED ──► AWAITING_PAYMENT ──► READY ──► DOWNLOADED ──► IMPORTED ──► DESPATCHED ──► WRITTEN_BACK
 *    │               │               │  ▲          │             │            ▲   │            │
 *    └──► QUARANTINED ◄──────────────┘  └──────────┘(rejected)   │            └───┼────────────┘ (next parcel)
 *    WITHDRAWN: cancelled in the shop before Khaos downloaded it
 *    CANCELLED: cancelled in Khaos after it was downloaded
 * </pre>
 */
public enum OrderState {
    /** A webhook for the order was verified and stored; nothing has been checked yet. */
    RECEIVED,
    /** The order is valid but the shop's payment has not arrived; it waits under the "on paid" policy. */
    AWAITING_PAYMENT,
    /** Translated and checked; waiting for Khaos Control to download it. */
    READY,
    /** Held back with an exception a person must act on; never sent to Khaos in this state. */
    QUARANTINED,
    /** Served to Khaos Control in an OrderDownload answer. */
    DOWNLOADED,
    /** Khaos Control reported the order as imported. */
    IMPORTED,
    /** Khaos Control reported a despatch (whole or partial). */
    DESPATCHED,
    /** Tracking codes and delivery state were written back to Shopware. */
    WRITTEN_BACK,
    /** Cancelled in Khaos Control after it was downloaded. */
    CANCELLED,
    /** Cancelled in the shop before Khaos Control downloaded it; never reaches Khaos. */
    WITHDRAWN;

    private static final Map<OrderState, Set<OrderState>> LEGAL = new EnumMap<>(OrderState.class);

    static {
        allow(RECEIVED, AWAITING_PAYMENT, READY, QUARANTINED, WITHDRAWN);
        allow(AWAITING_PAYMENT, READY, QUARANTINED, WITHDRAWN);
        allow(READY, DOWNLOADED, QUARANTINED, WITHDRAWN);
        allow(QUARANTINED, READY, AWAITING_PAYMENT, WITHDRAWN);
        allow(DOWNLOADED, IMPORTED, QUARANTINED, CANCELLED, DESPATCHED);
        allow(IMPORTED, DESPATCHED, CANCELLED);
        allow(DESPATCHED, WRITTEN_BACK, DESPATCHED);
        allow(WRITTEN_BACK, DESPATCHED);
        allow(CANCELLED);
        allow(WITHDRAWN);
    }

    private static void allow(OrderState from, OrderState... to) {
        Set<OrderState> targets = EnumSet.noneOf(OrderState.class);
        targets.addAll(List.of(to));
        LEGAL.put(from, Collections.unmodifiableSet(targets));
    }

    public boolean canMoveTo(OrderState next) {
        return LEGAL.get(this).contains(next);
    }

    public Set<OrderState> legalNextStates() {
        return LEGAL.get(this);
    }

    /** Khaos has, or had, the order: it was downloaded (CANCELLED included: Khaos cancelled what it had). */
    public boolean wasHandedOver() {
        return this == DOWNLOADED || this == IMPORTED || this == DESPATCHED || this == WRITTEN_BACK || this == CANCELLED;
    }

    /** Khaos holds the order now: handed over and not cancelled there. */
    public boolean isHeldByKhaos() {
        return wasHandedOver() && this != CANCELLED;
    }

    /** No way out: the order's journey is over. */
    public boolean isFinal() {
        return LEGAL.get(this).isEmpty();
    }
}
