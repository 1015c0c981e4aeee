package com.shopkhaos.model.intake;

/** A message from the shop that is not the JSON we expect. */
public class UnreadableMessageException extends Exception {
    public UnreadableMessageException(String message) {
        super(message);
    }

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
