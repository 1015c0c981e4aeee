package com.shopkhaos.infra.secrets;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the app secret (the manifest's {@code <secret>}) from Secrets Manager by ARN (held in a RotatingSecret). */
public final class AppSecretSource {
    private AppSecretSource() {
    }

    public static String read(SecretsManagerClient secrets, String secretArn) {
        String value = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the app secret " + secretArn + " is empty");
        }
        return value.strip();
    }
}
