package com.shopkhaos.emulator;

/** Node.js or the project's Node tools are not there; the message says what to install. */
public class NodeToolsMissingException extends RuntimeException {
    public NodeToolsMissingException(String message) {
        super(message);
    }
}
