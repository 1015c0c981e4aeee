package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The SQS queues ({@code shopkhaos.*-queue-url}, from {@code *_QUEUE_URL}). Each function names only the queues it uses,
 * so every URL is optional here; the accessor without the {@code QueueUrl} suffix refuses a missing one naming it.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface QueueSettings {

    /** the {@code order-events} queue ({@code ORDER_EVENTS_QUEUE_URL}) */
    Optional<String> orderEventsQueueUrl();

    /** the {@code stock-changes} queue ({@code STOCK_CHANGES_QUEUE_URL}) */
    Optional<String> stockChangesQueueUrl();

    /** the {@code despatches} queue ({@code DESPATCHES_QUEUE_URL}) */
    Optional<String> despatchesQueueUrl();

    /** every queue and DLQ whose depth the health view shows, comma-separated ({@code HEALTH_QUEUE_URLS}) */
    Optional<String> healthQueues();

    default String orderEvents() {
        return Setting.of("ORDER_EVENTS_QUEUE_URL", "shopkhaos.order-events-queue-url").required(orderEventsQueueUrl());
    }

    default String stockChanges() {
        return Setting.of("STOCK_CHANGES_QUEUE_URL", "shopkhaos.stock-changes-queue-url").required(stockChangesQueueUrl());
    }

    default String despatches() {
        return Setting.of("DESPATCHES_QUEUE_URL", "shopkhaos.despatches-queue-url").required(despatchesQueueUrl());
    }

    /** The health view's queue URLs (none when not set). */
    default List<String> healthQueueUrls() {
        return CommaList.of(healthQueues().orElse(""));
    }
}
