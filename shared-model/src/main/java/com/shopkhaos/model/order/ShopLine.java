package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of a shop order, in the shop's own terms.
 *
 * @param kind          product, promotion, or another kind Khaos cannot take (custom, credit …)
 * @param sku           the product number; empty for promotion lines, and when the product is gone
 * @param unitPrice     per unit, gross or net as the order's {@link TaxStatus} says
 * @param taxes         VAT per rate on this line (a promotion over mixed rates has several)
 * @param promotionCode for a promotion: its code; {@code discountScope}/{@code discountType} say what it discounts
 * @param productKnown  false when the line's product was deleted in the shop
 */
public record ShopLine(String lineId, LineKind kind, String sku, String label, int quantity, BigDecimal unitPrice,
                       BigDecimal totalPrice, List<TaxPortion> taxes, String promotionCode, String discountScope,
                       String discountType, boolean productKnown) {

    public enum LineKind {
        PRODUCT,
        PROMOTION,
        OTHER
    }

    public ShopLine {
        sku = sku == null ? "" : sku;
        label = label == null ? "" : label;
        taxes = List.copyOf(taxes);
        promotionCode = promotionCode == null ? "" : promotionCode;
        discountScope = discountScope == null ? "" : discountScope;
        discountType = discountType == null ? "" : discountType;
    }

    /** The line's VAT rate (a product line has one); zero when the shop charged none. */
    public BigDecimal rate() {
        return taxes.isEmpty() ? BigDecimal.ZERO : taxes.get(0).rate();
    }
}
