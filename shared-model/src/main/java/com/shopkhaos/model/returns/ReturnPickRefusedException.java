package com.shopkhaos.model.returns;

import com.shopkhaos.model.exceptionledger.RefusedRequestException;

/** A person's pick of a return that cannot be read as asked (a line the order does not have, named twice, part units). */
public final class ReturnPickRefusedException extends RefusedRequestException {
    public ReturnPickRefusedException(String message) {
        super(message);
    }
}
