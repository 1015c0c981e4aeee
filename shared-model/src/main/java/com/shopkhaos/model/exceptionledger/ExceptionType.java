package com.shopkhaos.model.exceptionledger;

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
    KHAOS_UPLOAD_UNREADABLE(
            "A message from Khaos Control could not be read",
            "Khaos Control sent stock, stock levels or order statuses in a form we could not read, so they were not "
                    + "applied; Khaos will keep sending it. Ask your integration engineer to look at the stored message."),
    UNKNOWN_TAX_RATE_CODE(
            "A Khaos tax rate code has no VAT percentage",
            "Khaos Control sent products with a tax rate code the integration does not know, so VAT on orders for "
                    + "them cannot be checked. Ask your integration engineer to add the code and its percentage to "
                    + "KHAOS_TAX_RATES (for example 4=12.5), then mark this resolved."),
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
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
