package com.shopkhaos.model.events;

/** A queue message written by a newer version of the integration than the one reading it. */
public class UnsupportedMessageVersionException extends RuntimeException {
    public UnsupportedMessageVersionException(String queue, int found, int supported) {
        super(queue + " message has schemaVersion " + found + "; this reader understands up to " + supported);
    }
}
