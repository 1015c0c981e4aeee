package com.shopkhaos.model.audit;

/** How much a gap between the shop and Khaos hurts, most first. */
public enum AuditSeverity {
    /** An order would be held. */
    BLOCKING,
    /** Finance would see variances. */
    MONEY,
    /** The shop would show the wrong stock figure. */
    STOCK,
    /** Data that will trip someone up later. */
    DATA_QUALITY
}
