package com.shopkhaos.model.audit;

/** Where an audit run is: running (asked for, or under way), finished with its findings, or failed with the reason. */
public enum AuditStatus {
    RUNNING,
    FINISHED,
    FAILED
}
