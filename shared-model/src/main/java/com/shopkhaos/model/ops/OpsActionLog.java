package com.shopkhaos.model.ops;

import java.util.List;

/** Port: who did what and when from the ops console. DynamoDB table {@code ops-actions}. */
public interface OpsActionLog {
    void record(OpsAction action);

    /** A subject's actions, oldest first. */
    List<OpsAction> forSubject(String subject);
}
