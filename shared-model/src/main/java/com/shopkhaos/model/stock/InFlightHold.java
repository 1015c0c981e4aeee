package com.shopkhaos.model.stock;

import java.time.Instant;
import java.util.Objects;

/**
 * Stock a shop order has taken that Khaos's Available does not show yet: from the moment order-sync reads
 * the order until Khaos's stock figures for the code reflect its import (or it is withdrawn).
 *
 * @param importedAt when Khaos reported the order imported (or cancelled); null while it has not
 */
public record InFlightHold(String stockCode, String orderId, String orderNumber, int quantity, Instant heldAt, Instant importedAt) {
    public InFlightHold {
        Objects.requireNonNull(stockCode, "stockCode");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(heldAt, "heldAt");
        orderNumber = orderNumber == null ? "" : orderNumber;
    }
}
