package com.shopkhaos.infra.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.infra.web.JwtClaimsAccess;
import com.shopkhaos.model.ops.ConsoleSessions;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The ops API's access in AWS (jwt) needs no ops key and reads no secret; key mode (the sandbox) needs one. */
class OpsWiringTest {
    /** A Secrets Manager client that fails the test if anything is asked of it. */
    private final SecretsManagerClient untouchable = (SecretsManagerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SecretsManagerClient.class}, (proxy, method, args) -> {
                throw new AssertionError("jwt mode asked Secrets Manager for " + method.getName());
            });
    private final ConsoleSessions sessions = new ConsoleSessions(Map.of(), new byte[32]);

    @Test
    void jwtMode_startsWithoutAnyOpsKey() {
        assertThat(new OpsWiring().opsAccess(untouchable, "jwt", Optional.empty(), sessions, Clock.systemUTC(), true))
                .isInstanceOf(JwtClaimsAccess.class);
    }

    @Test
    void keyMode_withoutAKey_saysWhatIsMissing() {
        assertThatThrownBy(() -> new OpsWiring().opsAccess(untouchable, "key", Optional.empty(), sessions, Clock.systemUTC(), false))
                .hasMessageContaining("OPS_AUTH=key needs OPS_API_KEY_SECRET_ARN");
    }
}
