package com.shopkhaos.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Makes the SQS client fail its next N SendMessage calls, as an unreachable SQS would (the sandbox's
 * {@code POST /sandbox/faults}); registered on the client by {@code quarkus.sqs.interceptors}.
 */
public class SqsFaultInjector implements ExecutionInterceptor {
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    public static void failNextSends(int count) {
        FAILURES_LEFT.set(Math.max(0, count));
    }

    public static int failuresLeft() {
        return FAILURES_LEFT.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendMessageRequest && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw SdkClientException.create("sandbox fault: SQS SendMessage failed");
        }
    }
}
