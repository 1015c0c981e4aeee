package com.shopkhaos.model.exceptionledger;

/** The kinds of mapping people make by hand (the {@code mappings} table). */
public enum MappingKind {
    /** shop SKU → Khaos stock code */
    SKU,
    /** delivery method (technical name or name) → Khaos courier */
    COURIER,
    /** stock code → safety buffer rule */
    BUFFER,
    /** Khaos courier → the shop shipping method its parcels go out under */
    SHIPPING_METHOD,
    /** promotion code or discount scope → Khaos non-stock item */
    PROMOTION,
    /** why money went back in the shop (full-refund, partial-refund, chargeback, cancelled-in-shop, picked-by-person) → Khaos ReturnReason */
    RETURN_REASON
}
