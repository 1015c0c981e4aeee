package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.app.AppMessageCodec;
import com.shopkhaos.model.app.RegistrationConfirmation;
import com.shopkhaos.model.intake.UnreadableMessageException;
import jakarta.inject.Singleton;

/** The shop's confirmation in the registration handshake, as Shopware sends it. */
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
}
