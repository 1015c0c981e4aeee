package com.shopkhaos.model.exceptionledger;

/**
 * Something a person (or their script) asked of the problems and their mappings that cannot be done as asked: a list
 * query, a place to carry on from, a mapping. The message says why, in their words; nothing was changed. Each refusal
 * is its own subtype; a programming error's {@link IllegalArgumentException} is never one of them.
 */
public abstract class RefusedRequestException extends IllegalArgumentException {
    protected RefusedRequestException(String message) {
        super(message);
    }
}
