package com.shopkhaos.model.order;

import java.math.BigDecimal;

/** VAT at one rate on an amount ({@code price}), as the shop calculated it. */
public record TaxPortion(BigDecimal rate, BigDecimal tax, BigDecimal price) {
}
