package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One attempt to deliver a webhook, for the delivery log.
 *
 * @param status the HTTP status received, or 0 when there was none (refused, timed out, dropped)
 * @param outcome {@code success}, {@code failed}, {@code dropped} (a fault), {@code retrying}
 */
public record WebhookDelivery(String eventId, String event, String webhook, String url, String mode, int copy, int attempt,
                              int status, String outcome, String error, Instant at) {

    ObjectNode toJson() {
        return SimJson.object().put("eventId", eventId).put("event", event).put("webhook", webhook).put("url", url)
                .put("mode", mode).put("copy", copy).put("attempt", attempt).put("status", status).put("outcome", outcome)
                .put("error", error).put("at", at.toString());
    }
}
