package com.shopkhaos.model.returns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer return on its way into Khaos: served in {@code CReturnDownload} until Khaos acknowledges the page it came
 * in (then {@link State#DOWNLOADED}); never served again under another reference.
 *
 * @param associatedRef our reference, unique per channel: the order number and the return's sequence ({@link ReturnRules#associatedRef})
 * @param urn           the customer's account in Khaos
 * @param reasonCode    Khaos's {@code ReturnReason} for every line, as the retailer mapped the shop's reason
 * @param servedPage    the last download page it was served in ("" before)
 * @param requestedBy   what asked for it (the shop's event id, or the person who picked the lines): asked again, no second return
 */
public record CustomerReturn(String associatedRef, String shopId, String orderId, String orderNumber, int sequence, ReturnCause cause,
                             List<ReturnLine> lines, String urn, String reasonCode, Instant createdAt, State state, String servedPage,
                             Instant downloadedAt, String requestedBy) {

    /** Where a return stands with Khaos (KCC reports nothing of returns after it downloaded them). */
    public enum State {
        /** Waiting for Khaos's next return download, or served and not acknowledged yet. */
        READY,
        /** Khaos acknowledged the page it was served in. */
        DOWNLOADED
    }

    public CustomerReturn {
        Objects.requireNonNull(associatedRef, "associatedRef");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("return " + associatedRef + " has no lines");
        }
        if (urn == null || urn.isBlank()) {
            throw new IllegalArgumentException("return " + associatedRef + " needs the customer's URN in Khaos");
        }
        lines = List.copyOf(lines);
        servedPage = servedPage == null ? "" : servedPage;
        requestedBy = requestedBy == null ? "" : requestedBy;
    }

    /** A new return, ready to serve. */
    public static CustomerReturn ready(String shopId, String orderId, String orderNumber, int sequence, ReturnCause cause,
                                       List<ReturnLine> lines, String urn, String reasonCode, Instant at) {
        return ready(shopId, orderId, orderNumber, sequence, cause, lines, urn, reasonCode, at, "");
    }

    /** A new return, ready to serve, asked for by {@code requestedBy}. */
    public static CustomerReturn ready(String shopId, String orderId, String orderNumber, int sequence, ReturnCause cause,
                                       List<ReturnLine> lines, String urn, String reasonCode, Instant at, String requestedBy) {
        return new CustomerReturn(ReturnRules.associatedRef(orderNumber, sequence), shopId, orderId, orderNumber, sequence, cause,
                lines, urn, reasonCode, at, State.READY, "", null, requestedBy);
    }

    public CustomerReturn downloaded(String page, Instant at) {
        return new CustomerReturn(associatedRef, shopId, orderId, orderNumber, sequence, cause, lines, urn, reasonCode, createdAt,
                State.DOWNLOADED, page, at, requestedBy);
    }
}
