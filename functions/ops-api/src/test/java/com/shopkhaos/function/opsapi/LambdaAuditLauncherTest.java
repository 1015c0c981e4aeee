package com.shopkhaos.function.opsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Starting an audit run: one asynchronous Invoke of the configured function and alias, carrying only the run's id. */
class LambdaAuditLauncherTest {
    private final List<String> requests = new ArrayList<>();
    private HttpServer lambda;
    private int answer = 202;

    private LambdaAuditLauncher launcher(String function) throws Exception {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type") + " " + body);
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        lambda.start();
        LambdaClient client = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + lambda.getAddress().getPort())).build();
        return new LambdaAuditLauncher(() -> Optional.ofNullable(function), client);
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.stop(0);
        }
    }

    @Test
    void aRunIsStartedWithoutWaiting_inTheFunctionsLiveAlias_carryingOnlyItsId() throws Exception {
        launcher("shop-khaos-ReconciliationFunction-AbC123:live").launch("audit-20261207-090000-1a2b");

        assertThat(requests).containsExactly("POST /2015-03-31/functions/shop-khaos-ReconciliationFunction-AbC123:live/invocations "
                + "Event {\"audit\":\"audit-20261207-090000-1a2b\"}");
    }

    @Test
    void anInvocationLambdaDidNotTake_failsTheStart() throws Exception {
        answer = 200;
        LambdaAuditLauncher launcher = launcher("fn:live");

        assertThatThrownBy(() -> launcher.launch("audit-1")).hasMessageContaining("answered 200");
    }

    @Test
    void withoutTheFunctionNamed_theOpsApiDoesNotStart() {
        assertThatThrownBy(() -> new LambdaAuditLauncher(() -> Optional.of(" "), null)).hasMessageContaining("AUDIT_FUNCTION");
    }
}
