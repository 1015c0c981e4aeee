package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.config.WritebackSettings;
import com.shopkhaos.infra.queue.DespatchesHandler;
import com.shopkhaos.infra.queue.OrderEventsHandler;
import com.shopkhaos.infra.queue.StockChangesHandler;
import com.shopkhaos.infra.sqs.QueueRetries;
import com.shopkhaos.model.despatch.DespatchWritebackService;
import com.shopkhaos.model.despatch.RetryBackoff;
import com.shopkhaos.model.ordersync.OrderSyncService;
import com.shopkhaos.model.stock.StockPushService;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the queue handlers the Lambdas and the sandbox's pollers share, over the flows they drive. */
@Singleton
public class QueueHandlersWiring {

    @Produces
    @Singleton
    OrderEventsHandler orderEventsHandler(OrderSyncService sync) {
        return new OrderEventsHandler(sync::process);
    }

    @Produces
    @Singleton
    StockChangesHandler stockChangesHandler(StockPushService push) {
        return new StockChangesHandler(push::push);
    }

    /** Reads the {@code despatches} queue and {@code WRITEBACK_RETRY_AFTER} now, so a missing one stops the start-up. */
    @Produces
    @Singleton
    DespatchesHandler despatchesHandler(DespatchWritebackService writeback, SqsClient sqs, QueueSettings queues,
                                        WritebackSettings settings) {
        String queue = queues.despatches();
        RetryBackoff backoff = settings.retryBackoff();
        return new DespatchesHandler(writeback::writeBack,
                (record, receiveCount) -> QueueRetries.hideForBackoff(sqs, queue, record.getReceiptHandle(), backoff, receiveCount));
    }
}
