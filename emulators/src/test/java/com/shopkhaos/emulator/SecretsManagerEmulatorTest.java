package com.shopkhaos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** DeleteSecret through the AWS SDK, with and without a recovery window. */
class SecretsManagerEmulatorTest {
    private static SecretsManagerEmulator emulator;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.start();
        client = LocalCloud.configure(SecretsManagerClient.builder(), emulator.endpoint()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void forceDelete_removesTheSecretAtOnce_andTheNameCanBeUsedAgain() {
        client.createSecret(b -> b.name("t/shops/force").secretString("v1"));
        assertThat(client.deleteSecret(b -> b.secretId("t/shops/force").forceDeleteWithoutRecovery(true)).name())
                .isEqualTo("t/shops/force");

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("t/shops/force")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("t/shops/force").forceDeleteWithoutRecovery(true)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.listSecrets(b -> b.filters(f -> f.key(FilterNameStringType.NAME).values("t/shops/force"))).secretList()).isEmpty();
        client.createSecret(b -> b.name("t/shops/force").secretString("v2"));
        assertThat(client.getSecretValue(b -> b.secretId("t/shops/force")).secretString()).isEqualTo("v2");
    }

    @Test
    void deleteWithARecoveryWindow_schedulesIt_andRefusesItsUseUntilThen() {
        client.createSecret(b -> b.name("t/shops/window").secretString("v1"));
        assertThat(client.deleteSecret(b -> b.secretId("t/shops/window").recoveryWindowInDays(7L)).deletionDate()).isNotNull();

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("t/shops/window")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("marked for deletion");
        assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("t/shops/window").secretString("v2")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.createSecret(b -> b.name("t/shops/window").secretString("v2")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("scheduled for deletion");
        assertThat(client.listSecrets(b -> b.filters(f -> f.key(FilterNameStringType.NAME).values("t/shops/window"))).secretList()).isEmpty();
    }

    @Test
    void forceAndARecoveryWindowTogether_areRefused() {
        client.createSecret(b -> b.name("t/shops/both").secretString("v1"));
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("t/shops/both").forceDeleteWithoutRecovery(true)
                .recoveryWindowInDays(7L))).isInstanceOf(InvalidParameterException.class);
        assertThat(client.getSecretValue(b -> b.secretId("t/shops/both")).secretString()).isEqualTo("v1");
    }
}
