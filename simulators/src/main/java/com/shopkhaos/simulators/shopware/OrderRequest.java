package com.shopkhaos.simulators.shopware;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A short description of an order to place, as the control API takes it:
 * {@code {"customer":"jane","lines":[{"sku":"SCARF-MER-GRY","quantity":2}],"shippingMethod":"standard",
 * "promotionCode":"SAVE10","paymentMethod":"card","paid":true}}.
 *
 * @param orderDateTime when the order was placed, if not now: an order created through the Admin API (a marketplace or
 *                      phone order keyed in later) carries its own {@code orderDateTime}; null = now
 */
public record OrderRequest(String customer, List<Line> lines, String shippingMethod, String promotionCode,
                           String paymentMethod, boolean paid, Instant orderDateTime) {

    public OrderRequest(String customer, List<Line> lines, String shippingMethod, String promotionCode, String paymentMethod,
                        boolean paid) {
        this(customer, lines, shippingMethod, promotionCode, paymentMethod, paid, null);
    }

    /**
     * One line: a SKU and a quantity, at the catalogue's price unless {@code unitGross} names one (an admin's edit of a
     * line's price).
     */
    public record Line(String sku, int quantity, BigDecimal unitGross) {
        public Line(String sku, int quantity) {
            this(sku, quantity, null);
        }
    }
}
