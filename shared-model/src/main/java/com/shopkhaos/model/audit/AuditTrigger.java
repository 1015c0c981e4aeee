package com.shopkhaos.model.audit;

/** Who started an audit run: a person (the console's "Run now" or the API), the weekly schedule, or a consultant's command. */
public enum AuditTrigger {
    PERSON,
    SCHEDULE,
    CONSULTANT
}
