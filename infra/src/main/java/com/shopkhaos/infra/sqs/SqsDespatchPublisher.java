package com.shopkhaos.infra.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkhaos.infra.config.QueueSettings;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.khaos.KhaosStatusNames;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.DespatchPublisher;
import com.shopkhaos.model.khaos.KhaosShipment;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@code despatches} messages: a {@link DespatchNotice} as JSON, with the shipments Khaos reported. */
@Singleton
@RegisterForReflection(targets = {DespatchNotice.class, KhaosShipment.class, KhaosShipment.Item.class, KhaosShipment.Parcel.class,
        KhaosShipment.Courier.class})
public class SqsDespatchPublisher implements DespatchPublisher {
    private final SqsClient sqs;
    private final String queueUrl;

    /** The queue from {@link QueueSettings}. */
    @Inject
    public SqsDespatchPublisher(SqsClient sqs, QueueSettings queues) {
        this(sqs, queues.despatches());
    }

    public SqsDespatchPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(DespatchNotice notice) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(InfraJson.write(notice)));
    }

    /** A despatches message; a body that is not one throws IllegalArgumentException (it cannot get better by retrying). */
    public static DespatchNotice read(String body) {
        try {
            DespatchNotice notice = InfraJson.mapper().readValue(body, DespatchNotice.class);
            if (notice.v() != DespatchNotice.VERSION) {
                throw new IllegalArgumentException("despatches message version " + notice.v() + "; this function reads "
                        + DespatchNotice.VERSION);
            }
            return KhaosStatusNames.read(notice);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw new IllegalArgumentException("not a despatches message: " + cause.getMessage(), cause);
            }
            throw new IllegalArgumentException("not a despatches message: " + e.getOriginalMessage(), e);
        }
    }
}
