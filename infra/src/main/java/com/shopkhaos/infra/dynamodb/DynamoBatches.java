package com.shopkhaos.infra.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batch reads and writes that DynamoDB answers only in part (throttled partitions come back as unprocessed keys or
 * items): what is left is sent again after an exponential back-off with jitter, as AWS asks, up to {@link #ATTEMPTS}
 * requests; then {@link UnprocessedBatchException}, so the caller's redelivery tries later and nothing is dropped.
 */
final class DynamoBatches {
    static final int ATTEMPTS = 8;
    private static final long FIRST_BACK_OFF_MILLIS = 25;
    private static final long LONGEST_BACK_OFF_MILLIS = 2_000;

    /** How the back-off waits (a test's clock does not). */
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    static final Pause SLEEP = Thread::sleep;

    private DynamoBatches() {
    }

    /** Every item the keys name, by table; keys DynamoDB leaves unprocessed are asked again. */
    static Map<String, List<Map<String, AttributeValue>>> getAll(DynamoDbClient dynamo, Map<String, KeysAndAttributes> keys,
                                                                 Pause pause) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        Map<String, KeysAndAttributes> pending = keys;
        for (int attempt = 1; !isEmptyKeys(pending); attempt++) {
            if (attempt > ATTEMPTS) {
                throw new UnprocessedBatchException("read", count(pending));
            }
            if (attempt > 1) {
                backOff(attempt, pause);
            }
            Map<String, KeysAndAttributes> asked = pending;
            var answer = dynamo.batchGetItem(b -> b.requestItems(asked));
            answer.responses().forEach((table, items) -> found.computeIfAbsent(table, t -> new ArrayList<>()).addAll(items));
            pending = answer.unprocessedKeys() == null ? Map.of() : answer.unprocessedKeys();
        }
        return found;
    }

    /** Writes every request; items DynamoDB leaves unprocessed are sent again. */
    static void writeAll(DynamoDbClient dynamo, Map<String, List<WriteRequest>> writes, Pause pause) {
        Map<String, List<WriteRequest>> pending = writes;
        for (int attempt = 1; !isEmptyWrites(pending); attempt++) {
            if (attempt > ATTEMPTS) {
                throw new UnprocessedBatchException("write", pending.values().stream().mapToInt(List::size).sum());
            }
            if (attempt > 1) {
                backOff(attempt, pause);
            }
            Map<String, List<WriteRequest>> request = pending;
            var answer = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = answer.unprocessedItems() == null ? Map.of() : answer.unprocessedItems();
        }
    }

    /** Full jitter: a random wait up to 25 ms doubled per try, at most 2 s. */
    static long backOffCeiling(int attempt) {
        return Math.min(LONGEST_BACK_OFF_MILLIS, FIRST_BACK_OFF_MILLIS << Math.min(attempt - 1, 16));
    }

    private static void backOff(int attempt, Pause pause) {
        try {
            pause.millis(ThreadLocalRandom.current().nextLong(backOffCeiling(attempt) / 2, backOffCeiling(attempt) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnprocessedBatchException("interrupted", 0);
        }
    }

    private static boolean isEmptyKeys(Map<String, KeysAndAttributes> keys) {
        return keys.values().stream().allMatch(k -> k.keys() == null || k.keys().isEmpty());
    }

    private static boolean isEmptyWrites(Map<String, List<WriteRequest>> writes) {
        return writes.values().stream().allMatch(List::isEmpty);
    }

    private static int count(Map<String, KeysAndAttributes> keys) {
        return keys.values().stream().mapToInt(k -> k.keys() == null ? 0 : k.keys().size()).sum();
    }
}
