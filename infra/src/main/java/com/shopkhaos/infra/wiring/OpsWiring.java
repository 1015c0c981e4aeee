package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.KhaosOrderSettings;
import com.shopkhaos.infra.config.OpsSettings;
import com.shopkhaos.infra.http.OpsEndpoints;
import com.shopkhaos.infra.secrets.OpsApiKeySource;
import com.shopkhaos.infra.web.JwtClaimsAccess;
import com.shopkhaos.infra.web.OpsAccess;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ops.ConsoleSessions;
import com.shopkhaos.model.ops.ConsoleSignIn;
import com.shopkhaos.model.ops.OpsActionLog;
import com.shopkhaos.model.ops.ExceptionActions;
import com.shopkhaos.model.ops.ExceptionListing;
import com.shopkhaos.model.ops.ExceptionViews;
import com.shopkhaos.model.ops.OpsMappings;
import com.shopkhaos.model.ops.ProblemSummary;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.stock.StockChangePublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the ops API from the adapters and configuration. */
@Singleton
public class OpsWiring {

    /**
     * {@code OPS_AUTH=key} (the sandbox, and scripts against it): the ops key from the secret at
     * {@code OPS_API_KEY_SECRET_ARN}; {@code OPS_AUTH=jwt} (AWS): the user pool's token, checked by API Gateway's JWT
     * authorizer in front. jwt needs no key and reads none (the template declares none).
     */
    @Produces
    @Singleton
    OpsAccess opsAccess(SecretsManagerClient secrets, OpsSettings settings, ConsoleSessions sessions, Clock clock) {
        return opsAccess(secrets, settings.opsAuth(), settings.opsApiKeySecretArn(), sessions, clock, settings.opsBehindAuthorizer());
    }

    OpsAccess opsAccess(SecretsManagerClient secrets, String mode, Optional<String> arn, ConsoleSessions sessions, Clock clock,
                        boolean behindAuthorizer) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "jwt" -> {
                if (!behindAuthorizer) {
                    // the token's signature is API Gateway's to check: without its authorizer in front, jwt would trust anyone
                    throw new IllegalStateException("OPS_AUTH=jwt needs OPS_BEHIND_AUTHORIZER=true (shopkhaos.ops-behind-authorizer), set only where API Gateway's "
                            + "JWT authorizer guards every /ops/api route (template.yaml); use OPS_AUTH=key elsewhere");
                }
                yield new JwtClaimsAccess();
            }
            case "key" -> {
                OpsAccess byKey = OpsAccess.byKey(OpsApiKeySource.read(secrets, arn.orElseThrow(() ->
                        new IllegalStateException("OPS_AUTH=key needs OPS_API_KEY_SECRET_ARN (shopkhaos.ops-api-key-secret-arn)"))));
                // the console's session cookie, only from the console itself (its requests carry X-Requested-With)
                yield headers -> byKey.caller(headers).or(() -> headers.get("X-Requested-With").filter("ops-console"::equals)
                        .flatMap(x -> sessions.who(headers.cookie(OpsEndpoints.SESSION_COOKIE), clock.instant())));
            }
            default -> throw new IllegalArgumentException("OPS_AUTH (shopkhaos.ops-auth) must be key or jwt, was \"" + mode + "\"");
        };
    }

    @Produces
    @Singleton
    ConsoleSignIn consoleSignIn(OpsSettings settings) {
        return ConsoleSignIn.of(settings.opsAuth(), settings.opsSignInDomainPrefix().orElse(""),
                settings.awsRegion(), settings.opsClientId().orElse(""), settings.opsConsoleUrl().orElse(""));
    }

    /** The console's sign-in where OPS_CONSOLE_USERS names people (the sandbox); none in AWS (the user pool signs in). */
    @Produces
    @Singleton
    ConsoleSessions consoleSessions(OpsSettings settings) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ConsoleSessions(settings.consoleUsers(), key);
    }


    @Produces
    @Singleton
    ExceptionViews exceptionViews(ExceptionLedger exceptions, OrderLedger ledger) {
        return new ExceptionViews(exceptions, ledger);
    }

    @Produces
    @Singleton
    OpsMappings opsMappings(ExceptionLedger exceptions, OrderMappings mappings, OpsActionLog actions,
                            StockChangePublisher stockChanges, ExceptionViews views, Clock clock, KhaosCatalogue catalogue,
                            KhaosOrderSettings orders) {
        return new OpsMappings(exceptions, mappings, actions, stockChanges, views, clock, Optional.of(catalogue),
                List.copyOf(orders.couriers().values()));
    }

    @Produces
    @Singleton
    ExceptionListing exceptionListing(ExceptionLedger exceptions, ExceptionViews views, OpsActionLog actions,
                                      OpsMappings mappings, Clock clock) {
        return new ExceptionListing(exceptions, views, actions, mappings, clock);
    }

    @Produces
    @Singleton
    ExceptionActions exceptionActions(ExceptionLedger exceptions, OpsActionLog actions, OrderRetryService retries,
                                      StockChangePublisher stockChanges, OrderMappings mappings, Clock clock) {
        return new ExceptionActions(exceptions, actions, retries, stockChanges, mappings, clock);
    }

    @Produces
    @Singleton
    ProblemSummary problemSummary(ExceptionLedger exceptions, Clock clock) {
        return new ProblemSummary(exceptions, clock);
    }
}
