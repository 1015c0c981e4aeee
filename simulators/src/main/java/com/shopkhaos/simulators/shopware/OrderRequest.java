package com.shopkhaos.simulators.shopware;

import java.math.BigDecimal;
import java.util.List;

/**
 * A short description of an order to place, as the control API takes it:
 * {@code {"customer":"jane","lines":[{"sku":"SCARF-MER-GRY","quantity":2}],"shippingMethod":"standard",
 * "promotionCode":"SAVE10","paymentMethod":"card","paid":true}}.
 */
public record OrderRequest(String customer, List<Line> lines, String shippingMethod, String promotionCode,
                           String paymentMethod, boolean paid) {

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
