package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Why one order's revenue in the shop and in Khaos agree or differ, in finance's words, each with who acts and its
 * handbook section ({@code docs/handbook.md#reconciliation-<anchor>}). Declared from the most to the least pressing:
 * an order with several findings is reported under the first.
 */
public enum ReconciliationReason {
    NOT_IN_LEDGER("The shop has an order we never heard of", "operations: find why it never reached us; it is not in Khaos"),
    DUPLICATE_IN_KHAOS("Khaos holds the order twice", "operations: cancel the second Khaos order before it is invoiced"),
    CANCELLED_IN_SHOP_ONLY("Cancelled in the shop, live in Khaos", "customer service: cancel it in Khaos, or credit it if invoiced"),
    CANCELLED_IN_KHAOS_ONLY("Cancelled in Khaos, live in the shop", "customer service: refund or cancel it in the shop"),
    REFUNDED_IN_SHOP("Refunded in the shop", "finance: raise the credit note in Khaos"),
    VALUE_CHANGED_AFTER_SENDING("The shop's order changed after it was sent", "customer service: carry the change into Khaos"),
    VAT_SPLIT_DIFFERS("The shop's VAT split differs from Khaos's tax codes", "finance: check the items' tax codes in Khaos and "
            + "the shop's tax rates; correct the VAT of the order in Khaos"),
    PAID_STATE_MISMATCH("Paid in one system, not in the other", "finance: check the payment provider, then Khaos's payment"),
    SENT_NOT_CONFIRMED("Sent to Khaos, never confirmed", "operations: look for it in Khaos's failed imports"),
    NOT_SENT("Not sent to Khaos", "operations: the order is held or waiting; see its problems in the console"),
    SHIPPED_NOT_WRITTEN_BACK("Shipped in Khaos, not yet in the shop", "customer service: the customer has no shipping mail yet"),
    ROUNDING("Pennies of rounding", "nobody: counted, within the tolerance"),
    OK("Agrees", "nobody");

    private final String title;
    private final String whoActs;

    ReconciliationReason(String title, String whoActs) {
        this.title = title;
        this.whoActs = whoActs;
    }

    public String title() {
        return title;
    }

    public String whoActs() {
        return whoActs;
    }

    /** The handbook section, e.g. {@code reconciliation-refunded-in-shop}. */
    public String handbookAnchor() {
        return "reconciliation-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The problems the rest of the integration raises that already say this about an order (an open one is linked from
     * the reconciliation's line instead of raising another). Empty: only the reconciliation sees it.
     */
    public Set<ExceptionType> saidAlreadyBy() {
        return switch (this) {
            case NOT_SENT -> EnumSet.of(ExceptionType.UNKNOWN_SKU, ExceptionType.DISCONTINUED_ITEM,
                    ExceptionType.RUN_TO_ZERO_OUT_OF_STOCK, ExceptionType.DELETED_ITEM, ExceptionType.UNMAPPED_PROMOTION,
                    ExceptionType.UNMAPPED_DELIVERY_METHOD, ExceptionType.UNMAPPED_PAYMENT_METHOD, ExceptionType.VAT_MISMATCH,
                    ExceptionType.TOTALS_MISMATCH, ExceptionType.ADDRESS_INVALID, ExceptionType.CURRENCY_NOT_SUPPORTED,
                    ExceptionType.ORDER_INVALID, ExceptionType.KHAOS_IMPORT_SKIPPED);
            case SENT_NOT_CONFIRMED -> EnumSet.of(ExceptionType.NOT_CONFIRMED_BY_KHAOS);
            case VALUE_CHANGED_AFTER_SENDING -> EnumSet.of(ExceptionType.CHANGED_AFTER_KHAOS_IMPORT);
            case VAT_SPLIT_DIFFERS -> EnumSet.of(ExceptionType.VAT_MISMATCH);
            case CANCELLED_IN_SHOP_ONLY -> EnumSet.of(ExceptionType.CANCELLED_AFTER_DOWNLOAD);
            case CANCELLED_IN_KHAOS_ONLY -> EnumSet.of(ExceptionType.CANCELLED_IN_KHAOS);
            case DUPLICATE_IN_KHAOS -> EnumSet.of(ExceptionType.DUPLICATE_IN_KHAOS);
            case SHIPPED_NOT_WRITTEN_BACK -> EnumSet.of(ExceptionType.WRITEBACK_FAILED, ExceptionType.DELIVERY_NOT_WRITABLE,
                    ExceptionType.DESPATCH_LINE_NOT_ON_ORDER, ExceptionType.DESPATCH_MORE_THAN_ORDERED);
            case REFUNDED_IN_SHOP -> EnumSet.of(ExceptionType.REFUNDED_IN_SHOP);
            default -> EnumSet.noneOf(ExceptionType.class);
        };
    }

    /** Whether a person must look: everything but an agreeing order and rounding within the tolerance. */
    public boolean needsAPerson() {
        return this != OK && this != ROUNDING;
    }
}
