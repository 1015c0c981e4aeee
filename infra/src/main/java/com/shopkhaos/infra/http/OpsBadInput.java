package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.ops.ExceptionQuery;
import com.shopkhaos.model.ops.OpsMappings;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The ops API's answer to input its use cases refuse: 400 with the use case's own reason as {@code {"error": …}}, the
 * body of every other error. One mapper per refusal, so nothing else (a programming error's
 * {@code IllegalArgumentException}) is ever dressed as the caller's mistake.
 */
public final class OpsBadInput {
    private OpsBadInput() {
    }

    /** A list query the ledger cannot answer ({@code status}, {@code type}, {@code page}, {@code size}, {@code q}). */
    @Provider
    public static class BadQuery implements ExceptionMapper<ExceptionQuery.BadQueryException> {
        @Override
        public Response toResponse(ExceptionQuery.BadQueryException e) {
            return JaxRsExchange.error(400, e.getMessage());
        }
    }

    /** A {@code cursor} this ledger did not hand out, or one that has been tampered with. */
    @Provider
    public static class BadCursor implements ExceptionMapper<ExceptionLedger.BadCursorException> {
        @Override
        public Response toResponse(ExceptionLedger.BadCursorException e) {
            return JaxRsExchange.error(400, e.getMessage());
        }
    }

    /** A mapping that cannot be saved (unknown kind, empty key, a value Khaos would not take). */
    @Provider
    public static class BadMapping implements ExceptionMapper<OpsMappings.BadMappingException> {
        @Override
        public Response toResponse(OpsMappings.BadMappingException e) {
            return JaxRsExchange.error(400, e.getMessage());
        }
    }
}
