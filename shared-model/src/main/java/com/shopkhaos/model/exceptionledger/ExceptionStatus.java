package com.shopkhaos.model.exceptionledger;

public enum ExceptionStatus {
    /** Waiting for a person. */
    OPEN,
    /** A person dealt with it (or the flow healed it); a repeat of the same problem opens it again. */
    RESOLVED
}
