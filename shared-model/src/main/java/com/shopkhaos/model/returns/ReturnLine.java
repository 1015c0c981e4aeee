package com.shopkhaos.model.returns;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Units of one order line coming back.
 *
 * @param lineItemId the shop's order line (the ImportRef we sent Khaos)
 * @param sku        what the shop sold
 * @param quantity   units back, above 0
 */
public record ReturnLine(String lineItemId, String sku, BigDecimal quantity) {
    public ReturnLine {
        Objects.requireNonNull(lineItemId, "lineItemId");
        Objects.requireNonNull(sku, "sku");
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("a returned line needs a quantity above 0, was " + quantity);
        }
    }
}
