package com.shopkhaos.model.intake;

/** What became of one webhook delivery, with the HTTP status the shop gets. */
public enum IntakeOutcome {
    ACCEPTED(200),
    DUPLICATE(200),
    IGNORED_EVENT(200),
    /** {@code app.deleted}: the app was uninstalled from the shop, whose secrets we removed (or had already). */
    APP_DELETED(200),
    TOO_LARGE(413),
    UNAUTHENTICATED(401),
    UNREADABLE(400),
    NOT_STORED(503);

    private final int status;

    IntakeOutcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
