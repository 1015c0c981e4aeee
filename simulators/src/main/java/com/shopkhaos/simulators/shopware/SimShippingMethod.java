package com.shopkhaos.simulators.shopware;

import java.math.BigDecimal;

/**
 * A delivery method; {@code technicalName} may be null as in shops created before 6.5.7 (nullable until 6.7).
 *
 * @param priceGross the delivery charge including VAT; taxed like the cart ("auto": in proportion to its VAT rates)
 */
public record SimShippingMethod(String key, String id, String name, String technicalName, BigDecimal priceGross) {
}
