package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.intake.IncomingWebhook;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.intake.WebhookReader;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Shopware's app webhook envelope. Order events ({@code checkout.order.placed} and every
 * {@code state_enter.*}) carry {@code data.payload.order}; the order's id and number come from there.
 */
@Singleton
public class JacksonWebhookReader implements WebhookReader {
    private static final Pattern SHOP_ID = Pattern.compile("\"shopId\"\\s*:\\s*\"([A-Za-z0-9_-]{1,64})\"");

    /** The shop's events this integration acts on (the app manifest subscribes to these); anything else is counted. */
    static final Map<String, OrderEventType> ORDER_EVENTS = Map.of(
            "checkout.order.placed", OrderEventType.ORDER_PLACED,
            "state_enter.order_transaction.state.paid", OrderEventType.PAYMENT_PAID,
            "state_enter.order_transaction.state.authorized", OrderEventType.PAYMENT_AUTHORIZED,
            "state_enter.order.state.cancelled", OrderEventType.ORDER_CANCELLED,
            "state_enter.order_transaction.state.refunded", OrderEventType.PAYMENT_REFUNDED,
            "state_enter.order_transaction.state.refunded_partially", OrderEventType.PAYMENT_REFUNDED,
            "state_enter.order_transaction.state.chargeback", OrderEventType.PAYMENT_REFUNDED);

    /**
     * Shopware's {@code AppDeletedEvent::NAME} (src/Core/Framework/App/Event/AppDeletedEvent.php): sent when the app is
     * uninstalled, only to that app's own webhooks ({@code isAllowed}: the app id must match), payload
     * {@code {"keepUserData": bool}}, signed like every app webhook with the shop secret, which Shopware carries in the
     * webhook message because the app is gone by the time it is sent (changelog 6.4.3.0, NEXT-16175 "Fix
     * AppDeletedEvent Webhook signature").
     */
    static final String APP_DELETED = "app.deleted";

    @Override
    public IncomingWebhook read(byte[] body) throws UnreadableMessageException {
        JsonNode root = InfraJson.readObject(body);
        JsonNode source = root.path("source");
        String shopId = text(source, "shopId");
        if (shopId == null) {
            throw new UnreadableMessageException("no source.shopId");
        }
        JsonNode data = root.path("data");
        String event = text(data, "event");
        if (event == null) {
            throw new UnreadableMessageException("no data.event");
        }
        JsonNode order = data.path("payload").path("order");
        return new IncomingWebhook(shopId, text(source, "url"), text(source, "eventId"), event,
                Optional.ofNullable(ORDER_EVENTS.get(event)), APP_DELETED.equals(event),
                text(order, "id"), text(order, "orderNumber"), timestamp(root.path("timestamp")));
    }

    @Override
    public Optional<String> findShopId(byte[] body) {
        Matcher m = SHOP_ID.matcher(new String(body, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static Instant timestamp(JsonNode value) {
        if (value.canConvertToLong()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        if (value.isTextual() && value.asText().matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(value.asText()));
        }
        return null;
    }
}
