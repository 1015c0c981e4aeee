package com.shopkhaos.model.privacy;

import java.util.Set;

/** Port: takes the customer out of a stored sales order (it knows the form Khaos downloads it in). */
public interface SalesOrderRedaction {
    /** The text every personal value is replaced with. */
    String ERASED = "[erased]";

    /**
     * The same sales order with every name, address line, town, postcode, company name, email address and phone number
     * replaced by {@link #ERASED}; every figure, date, code, country, reference and line kept as it was.
     */
    String withoutPersonalData(String salesOrder);

    /** The email addresses the sales order names (lower case). */
    Set<String> emails(String salesOrder);
}
