package com.shopkhaos.infra.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.events.StockChange;
import com.shopkhaos.model.stock.StockChangePublisher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@code stock-changes} messages ({@code {"schemaVersion":1,"stockCodes":[…],"reason":…,"at":…}}). */
@Singleton
@RegisterForReflection(targets = StockChange.class)
public class SqsStockChangePublisher implements StockChangePublisher {
    private final SqsClient sqs;
    private final String queueUrl;

    /** The queue from {@link QueueSettings}. */
    @Inject
    public SqsStockChangePublisher(SqsClient sqs, QueueSettings queues) {
        this(sqs, queues.stockChanges());
    }

    public SqsStockChangePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(StockChange change, Duration delay) {
        int seconds = (int) Math.min(LONGEST_DELAY.toSeconds(), (delay.toMillis() + 999) / 1000);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(write(change)).delaySeconds(seconds));
    }

    public static String write(StockChange change) {
        try {
            return InfraJson.mapper().writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StockChange read(String body) {
        try {
            return InfraJson.mapper().readValue(body, StockChange.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalArgumentException("not a stock-changes message: " + e.getOriginalMessage(), e);
        }
    }
}
