package com.shopkhaos.infra.secrets;

import com.shopkhaos.model.ops.OpsApiKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the ops API key from Secrets Manager by ARN (the secret's value is the key itself). */
public final class OpsApiKeySource {
    private OpsApiKeySource() {
    }

    public static OpsApiKey read(SecretsManagerClient secrets, String secretArn) {
        return new OpsApiKey(secrets.getSecretValue(b -> b.secretId(secretArn)).secretString());
    }
}
