package com.shopkhaos.model.exceptionledger;

import java.util.Locale;

/**
 * Every kind of problem the integration puts in front of a person. Each has a title and a
 * suggested action written for ops and finance, and an entry in the handbook
 * ({@code docs/handbook.md#<anchor>}).
 */
public enum ExceptionType {
    WEBHOOK_UNREADABLE(
            "A message from the shop could not be read",
            "The shop sent a correctly signed message we could not read, so an order may be missing. "
                    + "Ask your integration engineer to look at the stored message; then check the order in the shop "
                    + "and mark this resolved once it shows in the ledger."),
    WEBHOOK_WITHOUT_EVENT_ID(
            "A message from the shop had no event id",
            "The shop sent a signed message without the id we use to avoid duplicates, so it was not processed. "
                    + "Ask your integration engineer to check the shop's app version; the message is kept here."),
    UNKNOWN_SKU(
            "An order has a product Khaos does not know",
            "The order was held back because one of its products has no stock code in Khaos Control. Either add the "
                    + "product to Khaos with that code, or map the shop's SKU to the right Khaos code, then retry the order."),
    DISCONTINUED_ITEM(
            "An order has a product discontinued in Khaos",
            "The order was held back because a product on it is discontinued in Khaos Control. Decide with the buying "
                    + "team: reinstate it in Khaos, or contact the customer and cancel or change the order; then retry it."),
    RUN_TO_ZERO_OUT_OF_STOCK(
            "An order has a run-to-zero product Khaos has run out of",
            "The order was held back because a product on it is run-to-zero in Khaos Control (sold only while stock "
                    + "lasts) and Khaos reports too little of it. If stock arrives (or the figure was wrong), retry the order; "
                    + "otherwise contact the customer about a substitute or a refund."),
    DELETED_ITEM(
            "An order has a product deleted in Khaos",
            "The order was held back because a product on it was deleted in Khaos Control. Restore it or map the SKU to "
                    + "its replacement, then retry the order; or cancel the order with the customer."),
    UNMAPPED_PROMOTION(
            "An order has a promotion the integration cannot send",
            "The order used a kind of promotion (for example free delivery) that the integration has no rule for, so the "
                    + "totals would not match in Khaos. Ask your integration engineer to add the rule, then retry the order."),
    UNMAPPED_DELIVERY_METHOD(
            "An order's delivery method has no Khaos courier",
            "The order was held back because its delivery method is not linked to a Khaos courier. Link it in the "
                    + "courier settings (KHAOS_COURIERS or the mappings), then retry the order. It is never sent without one."),
    UNMAPPED_PAYMENT_METHOD(
            "An order's payment method has no Khaos card type",
            "The order was held back because its payment method has no card type for Khaos (at most 25 characters). "
                    + "Add it to KHAOS_CARD_TYPES, then retry the order."),
    VAT_MISMATCH(
            "An order's VAT does not match Khaos's tax rates",
            "Finance: the VAT the shop charged differs from what Khaos Control will calculate from its own tax rates by "
                    + "more than rounding. Check the products' tax rates in the shop and in Khaos, correct the wrong one, "
                    + "then retry the order. Nothing was posted."),
    TOTALS_MISMATCH(
            "An order's total does not add up",
            "Finance: the order's lines, discounts and delivery do not add up to the total the customer paid, to the "
                    + "penny. Check the order in the shop; ask your integration engineer if the shop's figures look right."),
    ADDRESS_INVALID(
            "An order's address does not fit Khaos",
            "The address or contact on the order is too long or incomplete for Khaos Control (address lines and town "
                    + "35 characters, postcode 10) and could not be rearranged without losing anything. Correct the "
                    + "address on the order in the shop, then retry it. Nothing is ever cut off silently."),
    CURRENCY_NOT_SUPPORTED(
            "An order is in a currency the channel does not take",
            "The order is not in the channel's currency, so it cannot be posted to Khaos as it is. Decide with finance "
                    + "how to handle it; mark this resolved once dealt with."),
    ORDER_INVALID(
            "An order cannot be sent to Khaos as it is",
            "Something on the order makes no sense to Khaos (a line with no quantity, a negative price, a product "
                    + "deleted from the shop, only discounts). Check the order in the shop and correct or cancel it."),
    ORDER_NOT_FOUND(
            "An order disappeared from the shop",
            "We were told about an order but the shop no longer has it (it was deleted before we could fetch it). "
                    + "Check with the e-commerce team that this was intended; nothing was sent to Khaos."),
    CANCELLED_AFTER_DOWNLOAD(
            "An order was cancelled in the shop after Khaos took it",
            "The customer's order was cancelled in the shop, but Khaos Control had already downloaded it. Cancel it in "
                    + "Khaos by hand (and stop the parcel if it is being picked), then mark this resolved."),
    CHANGED_AFTER_KHAOS_IMPORT(
            "An order was changed in the shop after Khaos took it",
            "Someone edited the order in the shop (a quantity, a price, a line added or removed, the delivery) after "
                    + "Khaos Control had downloaded it; Khaos still has it as it was sent. The entry lists each difference. "
                    + "Change the order in Khaos to match (or undo the edit in the shop), then mark this resolved; it "
                    + "resolves itself if the shop's order comes back to what Khaos has."),
    WEBHOOKS_MISSING(
            "The shop did not tell us about some orders",
            "The regular check found orders in the shop that never reached us through the shop's notifications. They "
                    + "have now been picked up. If this repeats, ask your engineer to check the app's webhooks in the shop."),
    NOT_CONFIRMED_BY_KHAOS(
            "Khaos has not confirmed an order it downloaded",
            "Khaos Control downloaded the order but has not reported it since. Khaos does not tell us when it rejects "
                    + "an order: look for the order number in Khaos's failed imports, fix it there or retry its download, "
                    + "then mark this resolved."),
    KHAOS_IMPORT_SKIPPED(
            "Khaos Control on premises did not import an order",
            "Khaos Control (on premises) answered our import of the order with a reason it skipped it (for example a "
                    + "stock code it does not know, or a total that does not match its own). The entry gives Khaos's "
                    + "words. Correct the cause (in Khaos, or the order in the shop), then retry the order; nothing of it "
                    + "is in Khaos."),
    KHAOS_STATUS_FOR_UNKNOWN_ORDER(
            "Khaos reported on an order we do not know",
            "Khaos Control sent a status for an order reference the integration has no record of. Check the reference "
                    + "in Khaos; it may belong to another channel."),
    DUPLICATE_IN_KHAOS(
            "Khaos holds one shop order twice",
            "Khaos Control reports two of its orders for one shop order (both codes are named). The customer paid once. "
                    + "Cancel the second one named in Khaos before it is picked (never the first: the shop order follows "
                    + "the first); its despatches are never written to the shop. The entry resolves itself once Khaos "
                    + "reports the second one cancelled."),
    STOCK_NEGATIVE_IN_KHAOS(
            "Khaos shows less than nothing of a product",
            "Khaos Control reports a negative available figure for this stock code (more allocated to orders than it "
                    + "holds), so the shop shows none. Check the item's stock and allocations in Khaos; this closes itself "
                    + "once Khaos reports zero or more."),
    STOCK_FOR_UNKNOWN_CODE(
            "Khaos sent stock for a product it never described",
            "Khaos Control sent a stock figure for a stock code that is not in the catalogue it sent us. The figure is "
                    + "kept; check in Khaos that the item is published to this channel. This closes itself once the item arrives."),
    SHOP_PRODUCT_NOT_IN_KHAOS(
            "A shop product has no Khaos stock code",
            "A product in the shop has no matching stock code in Khaos Control, so its stock cannot be kept in step. Add "
                    + "the item in Khaos with the product's SKU as stock code, map the SKU to the right code, or take the "
                    + "product off the shop. This closes itself once it matches."),
    WEB_ITEM_NOT_IN_SHOP(
            "A Khaos web item is missing from the shop",
            "Khaos Control marks this item for the web, but the shop has no product with its code (or a SKU mapped to "
                    + "it). Create the product in the shop, or untick 'publish on web' in Khaos. This closes itself once it matches."),
    CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK(
            "A closeout product shows none though Khaos has some",
            "The product is a closeout in the shop (not sold below zero) and shows 0, but Khaos Control still has some "
                    + "available: the safety buffer or orders not yet in Khaos take it. Decide whether to lower the buffer "
                    + "for it; this closes itself once the shop shows stock again or Khaos runs out."),
    STOCK_PUSH_REFUSED(
            "The shop refused a stock update for a product",
            "The shop refused to take a stock figure for this product (its reason is on the entry); the other products "
                    + "were updated. Ask your engineer to look at the product in the shop; it is tried again on every change."),
    KHAOS_UPLOAD_UNREADABLE(
            "A message from Khaos Control could not be read",
            "Khaos Control sent stock, stock levels or order statuses in a form we could not read, so they were not "
                    + "applied; Khaos will keep sending it. Ask your integration engineer to look at the stored message."),
    UNKNOWN_TAX_RATE_CODE(
            "A Khaos tax rate code has no VAT percentage",
            "Khaos Control sent products with a tax rate code the integration does not know, so VAT on orders for "
                    + "them cannot be checked. Ask your integration engineer to add the code and its percentage to "
                    + "KHAOS_TAX_RATES (for example 4=12.5), then mark this resolved."),
    DESPATCH_LINE_NOT_ON_ORDER(
            "Khaos shipped something that is not on the shop's order",
            "Khaos Control reports a shipment line for a product the shop's order does not have, so nothing about "
                    + "this despatch was written to the shop (no tracking code, no shipping mail). Check the order in "
                    + "Khaos: if a product was swapped on purpose, tell the customer and mark this resolved after "
                    + "marking the delivery shipped in the shop by hand; if it is a mistake, correct it in Khaos, then retry."),
    DESPATCH_MORE_THAN_ORDERED(
            "Khaos shipped more than the customer ordered",
            "Khaos Control reports more units shipped than the shop's order has, so nothing about this despatch was "
                    + "written to the shop. Check the shipment in Khaos (a line entered twice, a wrong quantity); correct "
                    + "it there, then retry. If the extra units really went, decide with finance whether to invoice them."),
    DESPATCH_WITHOUT_TRACKING(
            "A parcel left without a tracking number",
            "A shipment left the warehouse with no consignment (tracking) reference, so the shop's shipping mail "
                    + "for it has none. If the service is tracked, add the reference in Khaos (it is written to the shop "
                    + "when Khaos reports it again); otherwise tell customer service, who can tell the customer the carrier."),
    DELIVERY_NOT_WRITABLE(
            "A despatch cannot be written to the shop's order",
            "Khaos Control shipped an order whose delivery (or the whole order) is cancelled in the shop, or that has "
                    + "no delivery there, so nothing was written. Find out why it was cancelled in the shop; if the goods "
                    + "really went, reopen the delivery in the shop and retry; otherwise recall the parcel."),
    CANCELLED_IN_KHAOS(
            "Khaos cancelled an order the shop took",
            "Khaos Control cancelled this order (or what was left of it after a part shipped). The customer paid for "
                    + "it in the shop: cancel or part-refund it there and tell the customer, then mark this resolved. "
                    + "(With KHAOS_CANCELLATION=cancel-order an order nothing of which shipped is cancelled in the shop "
                    + "automatically.)"),
    WRITEBACK_FAILED(
            "A despatch could not be written to the shop",
            "Khaos despatched this order, but after several tries the shop still would not take the tracking code "
                    + "or the shipped state (the failing step is named), so the customer has not had the shipping mail. "
                    + "Once the shop is reachable again (or the cause is fixed), retry it from here."),
    REFUNDED_IN_SHOP(
            "An order Khaos has was refunded in the shop",
            "Finance and customer service: the shop refunded (or the card scheme charged back) an order Khaos Control "
                    + "already has. Goods that left the warehouse go back to Khaos as a customer return: the entry says the "
                    + "return made, or why none was (nothing despatched yet: Khaos cancels instead). Where the shop did not "
                    + "say which items come back, or Khaos's account for the customer is not known, pick them (and enter the "
                    + "account) with \"Create the return in Khaos\" below. The entry settles itself once Khaos takes the return; "
                    + "where no return is made, raise the credit note in Khaos for the amount and mark this resolved."),
    RETURN_NOT_SENT(
            "A customer return could not be sent to Khaos",
            "Customer service and finance: a return made of a refund could not be written for Khaos (the reason is on the "
                    + "entry: the sales order Khaos was sent for the order could not be read, or a returned item is not on it), so "
                    + "Khaos's return downloads leave it out, now and later, while the other returns go on. Book the return (or a "
                    + "credit note) in Khaos by hand and mark this resolved; call for help if the reason names our data."),
    RECONCILIATION_DIFFERENCE(
            "The night's reconciliation found a difference no other problem explains",
            "Finance: the nightly reconciliation of the shop against Khaos found this order differing in a way nothing "
                    + "else here already says (the reason code and the amounts are on the entry). Check the order in both "
                    + "systems and put it right where it is wrong, then mark this resolved; it resolves itself when the "
                    + "next run finds the order agreeing, and is not raised again for the same difference once resolved."),
    CATALOGUE_GAP(
            "The catalogue audit found a new gap an order would trip on",
            "E-commerce and operations: the audit of the shop's catalogue against Khaos found a new gap that would hold "
                    + "an order (the kind and what it is about are on the entry). Fix it where the audit's finding says; the "
                    + "entry resolves itself when the next audit no longer finds it (the Audit tab's \"Run now\" runs one)."),
    ;

    private final String title;
    private final String suggestedAction;

    ExceptionType(String title, String suggestedAction) {
        this.title = title;
        this.suggestedAction = suggestedAction;
    }

    public String title() {
        return title;
    }

    public String suggestedAction() {
        return suggestedAction;
    }

    /** The handbook section that explains this exception. */
    public String handbookAnchor() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
