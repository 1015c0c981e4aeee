package com.shopkhaos.model.audit;

import java.util.Locale;

/**
 * Every kind of gap the go-live audit finds, with its severity, what it means, and who fixes it where. Each has a
 * handbook entry ({@code docs/handbook.md#audit-<kind>}).
 */
public enum FindingKind {
    SKU_NOT_IN_KHAOS(AuditSeverity.BLOCKING, "An active, visible shop product's SKU maps to no Khaos stock code",
            "E-commerce: map the SKU to its Khaos stock code on the console's mappings screen (the nearest codes are suggested), "
                    + "or operations: add the item to Khaos with that code; or take the product off sale."),
    MAPPED_TO_DISCONTINUED(AuditSeverity.BLOCKING, "A shop product sells a Khaos item that is discontinued",
            "Buying: reinstate the item in Khaos, or e-commerce: take the product off sale or map it to its replacement."),
    MAPPED_TO_DELETED(AuditSeverity.BLOCKING, "A shop product sells a Khaos item that was deleted",
            "E-commerce: map the SKU to the item that replaced it, or take the product off sale."),
    RUN_TO_ZERO_AT_ZERO(AuditSeverity.BLOCKING, "A run-to-zero Khaos item Khaos has none of is still on sale in the shop",
            "E-commerce: make the product a closeout (it then stops at zero), or take it off sale until stock arrives."),
    SHIPPING_METHOD_UNMAPPED(AuditSeverity.BLOCKING, "A shipping method has no Khaos courier",
            "Operations: map the shipping method to its Khaos courier on the mappings screen (KHAOS_COURIERS for all)."),
    PAYMENT_METHOD_UNMAPPED(AuditSeverity.BLOCKING, "A payment method has no Khaos card type and its name does not fit one",
            "Finance: map the payment method's technical name to a Khaos card type (KHAOS_CARD_TYPES), or mark it an account method."),
    TAX_RATE_UNKNOWN_TO_KHAOS(AuditSeverity.BLOCKING, "A shop tax rate has no Khaos tax code",
            "Finance: add the rate's Khaos tax code to KHAOS_TAX_RATES (code=percent), as Khaos has it under System Values."),
    CURRENCY_NOT_TAKEN(AuditSeverity.BLOCKING, "A sales channel sells in a currency the Khaos channel does not take",
            "E-commerce: sell only in the channel's currency (KHAOS_CURRENCY), or set up a Khaos channel for the other currency."),
    PRICE_DIFFERS(AuditSeverity.MONEY, "A shop price differs from Khaos's price for the item beyond the tolerance",
            "E-commerce or finance: decide which price is right and change the other (Khaos's web price if set, else its "
                    + "channel listing price, else its sell price, is the one compared)."),
    PROMOTION_UNMAPPED(AuditSeverity.MONEY, "A promotion in force discounts in a way the integration has no rule for",
            "E-commerce or finance: map the promotion (its code, or its discount's scope) to a Khaos non-stock discount item on "
                    + "the mappings screen, or allow its scope (KHAOS_PROMOTION_SCOPES); until then its orders are held."),
    TAX_RATE_DIFFERS(AuditSeverity.MONEY, "A shop product's tax rate differs from its Khaos item's tax code",
            "Finance: correct the tax rate in the shop or the item's tax code in Khaos; until then its orders are held as VAT mismatches."),
    CLOSEOUT_DIFFERS(AuditSeverity.STOCK, "A Khaos item sold only while stock lasts is not a closeout in the shop",
            "E-commerce: make the product a closeout (it stops at zero), or ask buying whether the item should be run to zero."),
    STOCK_CONTROL_DIFFERS(AuditSeverity.STOCK, "Khaos counts an item's stock and the shop does not, or the reverse",
            "Operations: make the item stock-controlled in Khaos, or e-commerce: stop the shop product selling only what is "
                    + "in stock (a closeout) or make it a physical product; Khaos sends no stock figure for an item it does not count."),
    WEB_ITEM_MISSING_IN_SHOP(AuditSeverity.STOCK, "A Khaos item published to the web is not in the shop",
            "E-commerce: add the product to the shop (or map its SKU), or operations: untick Publish to web in Khaos."),
    BARCODE_SHARED(AuditSeverity.STOCK, "One barcode is on two products (in the shop or in Khaos)",
            "E-commerce (shop) or operations (Khaos): give each product its own barcode."),
    SKU_MAPPED_TWICE(AuditSeverity.STOCK, "Two shop products sell the same Khaos item",
            "E-commerce: map one of them to its own item, or take the duplicate off sale; both share one stock figure."),
    SKU_NEAR_MATCH(AuditSeverity.DATA_QUALITY, "A shop SKU matches a Khaos stock code only when case, spaces or leading zeros are ignored",
            "E-commerce: correct the SKU in the shop, or map it to the Khaos code suggested."),
    PARENT_MAPPED_INSTEAD(AuditSeverity.DATA_QUALITY, "A parent product matches a Khaos item, its variants do not",
            "E-commerce: orders are for the variants; map each variant's SKU to its Khaos item."),
    NAME_TOO_LONG(AuditSeverity.DATA_QUALITY, "A shop product's name is longer than Khaos's description field takes",
            "E-commerce: shorten the name, or operations: give the Khaos item a shorter description when adding it "
                    + "(AUDIT_NAME_LENGTH sets the length checked)."),
    PRICE_NOT_KNOWN_YET(AuditSeverity.DATA_QUALITY, "Khaos's prices for an item are not known yet",
            "Nobody, usually: the item was last pushed by Khaos before the integration kept prices; its next push brings them. "
                    + "Operations can have Khaos push the catalogue again.");

    private final AuditSeverity severity;
    private final String title;
    private final String fix;

    FindingKind(AuditSeverity severity, String title, String fix) {
        this.severity = severity;
        this.title = title;
        this.fix = fix;
    }

    public AuditSeverity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    /** Who fixes it, and where. */
    public String fix() {
        return fix;
    }

    /**
     * Whether an order meeting this gap is held: every blocking kind, and an unmapped promotion or a tax rate unlike the
     * item's (the translator holds those too, though what they put at stake is money). Such gaps, when new, are raised as
     * problems for a person.
     */
    public boolean holdsOrders() {
        return severity == AuditSeverity.BLOCKING || this == PROMOTION_UNMAPPED || this == TAX_RATE_DIFFERS;
    }

    /** The handbook's section: {@code audit-sku-not-in-khaos}. */
    public String handbookAnchor() {
        return "audit-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
