package com.shopkhaos.function.opsapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.config.Setting;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.audit.AuditLauncher;
import com.shopkhaos.model.audit.AuditRequests;
import com.shopkhaos.model.audit.AuditRuns;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Starts an audit run in the reconciliation function ({@code AUDIT_FUNCTION}: its name and live alias), invoked without
 * waiting ({@code Event}): Lambda queues the invocation and the ops API answers 202 at once. Region and credentials are
 * the function's own (the default providers).
 */
@Singleton
public class LambdaAuditLauncher implements AuditLauncher {
    static final Setting FUNCTION = Setting.of("AUDIT_FUNCTION", "shopkhaos.audit-function");

    /** Where audit runs are carried out ({@code AUDIT_FUNCTION}). */
    @ConfigMapping(prefix = "shopkhaos")
    public interface AuditFunction {
        Optional<String> auditFunction();
    }

    private final String function;
    private LambdaClient lambda;

    @jakarta.inject.Inject
    public LambdaAuditLauncher(AuditFunction settings) {
        this(settings, null);
    }

    /** With a client of the caller's (tests); null: made at the first run, with the function's own region and credentials. */
    LambdaAuditLauncher(AuditFunction settings, LambdaClient lambda) {
        this.function = FUNCTION.required(settings.auditFunction().filter(f -> !f.isBlank()));
        this.lambda = lambda;
    }

    /** Made at the first run asked for (most of the API's calls never start one). */
    private synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return lambda;
    }

    @Override
    public void launch(String runId) {
        ObjectNode payload = InfraJson.mapper().createObjectNode().put("audit", runId);
        int status = lambda().invoke(r -> r.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload.toString()))).statusCode();
        if (status != 202) {
            throw new IllegalStateException("the audit function answered " + status + " instead of taking the run");
        }
    }

    /** Asking for audit runs, with this launcher. */
    @Produces
    @Singleton
    static AuditRequests auditRequests(AuditRuns runs, LambdaAuditLauncher launcher, Clock clock) {
        return new AuditRequests(runs, launcher, clock);
    }
}
