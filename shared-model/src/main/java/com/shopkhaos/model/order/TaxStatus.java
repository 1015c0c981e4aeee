package com.shopkhaos.model.order;

/** How an order's prices are stated: VAT included (consumers), VAT added (trade), or no VAT (exports). */
public enum TaxStatus {
    GROSS,
    NET,
    TAX_FREE
}
