package com.shopkhaos.model.order;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import java.time.Instant;
import java.util.Optional;

/**
 * A reason an order cannot go to Khaos as it is, for the exception ledger. One per problem: the same
 * problem on the same order always has the same key, so a redelivery finds the same exception.
 *
 * @param key            what it is about within the order (a SKU, a delivery method, a VAT rate …)
 * @param reason         plain words for the person who fixes it
 * @param missingMapping the mapping that would cure it, when one would
 */
public record OrderProblem(ExceptionType type, String key, String reason, Optional<MissingMapping> missingMapping) {
    public OrderProblem(ExceptionType type, String key, String reason) {
        this(type, key, reason, Optional.empty());
    }

    /** The exception ledger subject: the order, and the key on it. */
    public ExceptionSubject.Order subject(String orderNumber) {
        return ExceptionSubject.order(orderNumber, key);
    }

    /** The problem for the exception ledger, newly raised on this order. */
    public ExceptionRecord raised(String orderNumber, Instant at) {
        ExceptionRecord raised = ExceptionRecord.open(type, subject(orderNumber), reason, "", at);
        return missingMapping.map(raised::curedBy).orElse(raised);
    }
}
