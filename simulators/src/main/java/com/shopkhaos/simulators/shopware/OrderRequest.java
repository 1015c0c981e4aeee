package com.shopkhaos.simulators.shopware;

import java.util.List;

/**
 * A short description of an order to place, as the control API takes it:
 * {@code {"customer":"jane","lines":[{"sku":"SCARF-MER-GRY","quantity":2}],"shippingMethod":"standard",
 * "promotionCode":"SAVE10","paymentMethod":"card","paid":true}}.
 */
public record OrderRequest(String customer, List<Line> lines, String shippingMethod, String promotionCode,
                           String paymentMethod, boolean paid) {

    public record Line(String sku, int quantity) {
    }
}
