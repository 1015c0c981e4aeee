package com.shopkhaos.model.privacy;

/** The kinds of stored entry that can hold a customer's personal data. */
public enum PersonalDataKind {
    /** An order's ledger entry: the sales order as served to Khaos names the customer, their addresses, email and phone. */
    ORDER,
    /** An exception's evidence: the raw message kept for a person (an unreadable webhook or Khaos upload). */
    EXCEPTION,
    /** A raw upload from Khaos kept for a while (an order status upload may carry addresses). */
    KHAOS_UPLOAD
}
