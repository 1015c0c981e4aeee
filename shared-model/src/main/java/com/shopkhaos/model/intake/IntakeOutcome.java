package com.shopkhaos.model.intake;

/** What became of one webhook delivery. The shop sends it again (when it does at all) only when it is {@link #NOT_STORED}. */
public enum IntakeOutcome {
    ACCEPTED,
    DUPLICATE,
    IGNORED_EVENT,
    /** {@code app.deleted}: the app was uninstalled from the shop, whose secrets we removed (or had already). */
    APP_DELETED,
    TOO_LARGE,
    UNAUTHENTICATED,
    UNREADABLE,
    /** Not yet safely on the queue: the shop must send it again. */
    NOT_STORED
}
