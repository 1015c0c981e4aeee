package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.app.AppMessageCodec;
import com.shopkhaos.model.app.RegistrationConfirmation;
import com.shopkhaos.model.intake.UnreadableMessageException;
import jakarta.inject.Singleton;

/** The registration handshake's JSON, as Shopware sends and expects it. */
@Singleton
public class JacksonAppMessageCodec implements AppMessageCodec {

    @Override
    public RegistrationConfirmation readConfirmation(byte[] body) throws UnreadableMessageException {
        JsonNode root = InfraJson.readObject(body);
        if (!root.path("shopId").isTextual()) {
            throw new UnreadableMessageException("expected {apiKey, secretKey, timestamp, shopUrl, shopId}");
        }
        return new RegistrationConfirmation(root.path("shopId").asText(), root.path("shopUrl").asText(""),
                root.path("apiKey").asText(""), root.path("secretKey").asText(""));
    }

    @Override
    public String registrationAnswer(String proof, String shopSecret, String confirmationUrl) {
        ObjectNode answer = InfraJson.mapper().createObjectNode()
                .put("proof", proof)
                .put("secret", shopSecret)
                .put("confirmation_url", confirmationUrl);
        try {
            return InfraJson.mapper().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
