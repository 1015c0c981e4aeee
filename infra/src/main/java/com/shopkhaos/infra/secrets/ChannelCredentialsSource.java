package com.shopkhaos.infra.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.khaos.ChannelCredentials;
import java.io.IOException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the Khaos channel's Basic auth credentials ({@code {"user":…,"password":…}}) from Secrets Manager by ARN. */
public final class ChannelCredentialsSource {
    private ChannelCredentialsSource() {
    }

    public static ChannelCredentials read(SecretsManagerClient secrets, String secretArn) {
        String value = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        try {
            JsonNode json = InfraJson.mapper().readTree(value);
            return new ChannelCredentials(json.path("user").asText(""), json.path("password").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the Khaos channel secret " + secretArn
                    + " must hold {\"user\":…,\"password\":…} with both set");
        }
    }
}
