package com.shopkhaos.infra.config;

import com.shopkhaos.model.ops.ConsoleSessions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The ops API and its console ({@code OPS_AUTH}, {@code OPS_BEHIND_AUTHORIZER}, {@code OPS_API_KEY_SECRET_ARN},
 * {@code OPS_SIGN_IN_DOMAIN_PREFIX}, {@code OPS_CLIENT_ID}, {@code OPS_CONSOLE_URL}, {@code AWS_REGION},
 * {@code OPS_CONSOLE_USERS}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface OpsSettings {
    Setting CONSOLE_USERS = Setting.of("OPS_CONSOLE_USERS", "shopkhaos.ops-console-users");

    /** {@code key} (the ops key, and the console's session) or {@code jwt} (API Gateway's JWT authorizer in front) */
    @WithDefault("key")
    String opsAuth();

    /** set only where API Gateway's JWT authorizer guards every ops route */
    @WithDefault("false")
    boolean opsBehindAuthorizer();

    /** ARN of the secret holding the ops API key ({@code OPS_AUTH=key}) */
    Optional<String> opsApiKeySecretArn();

    Optional<String> opsSignInDomainPrefix();

    Optional<String> opsClientId();

    Optional<String> opsConsoleUrl();

    @WithDefault("eu-west-2")
    String awsRegion();

    /** the console's people, {@code name:password,…} (the sandbox; none in AWS, where the user pool signs in) */
    @WithConverter(ConsoleUsers.class)
    Optional<Pairs> opsConsoleUsers();

    /** The console's people, name → password (none when not set). */
    default Map<String, String> consoleUsers() {
        return opsConsoleUsers().orElse(Pairs.NONE).map();
    }

    @RegisterForReflection
    final class ConsoleUsers implements Converter<Pairs> {
        @Override
        public Pairs convert(String value) {
            return CONSOLE_USERS.convert(value, text -> new Pairs(ConsoleSessions.parseUsers(text, CONSOLE_USERS.toString())));
        }
    }
}
