package com.shopkhaos.model.returns;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Units of one order line the shop's own returns name (Shopware Commercial's {@code order_return_line_item}).
 *
 * @param lineItemId the shop's order line
 * @param quantity   units the shop's returns of the order name for it, in all
 * @param reasonKey  the shop's return reason ("" when none)
 */
public record ShopReturnLine(String lineItemId, BigDecimal quantity, String reasonKey) {
    public ShopReturnLine {
        Objects.requireNonNull(lineItemId, "lineItemId");
        Objects.requireNonNull(quantity, "quantity");
        reasonKey = reasonKey == null ? "" : reasonKey;
    }
}
