package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The ops API's answer to a request its use cases refuse (a bad list query or cursor, a mapping that cannot be saved):
 * 400 with the use case's own reason as {@code {"error": …}}, the body of every other error. Only
 * {@link RefusedRequestException}s, so a programming error's {@code IllegalArgumentException} is never dressed as the
 * caller's mistake.
 */
@Provider
public class OpsBadInput implements ExceptionMapper<RefusedRequestException> {
    @Override
    public Response toResponse(RefusedRequestException e) {
        return JaxRsExchange.error(400, e.getMessage());
    }
}
