package com.shopkhaos.infra.dynamodb;

/** DynamoDB kept part of a batch unprocessed through every back-off: the message goes back to its queue to try later. */
public class UnprocessedBatchException extends RuntimeException {
    public UnprocessedBatchException(String what, int left) {
        super("DynamoDB left " + left + " item(s) of a batch " + what + " unprocessed after " + DynamoBatches.ATTEMPTS
                + " requests with back-off");
    }
}
