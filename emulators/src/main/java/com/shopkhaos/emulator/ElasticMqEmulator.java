package com.shopkhaos.emulator;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** SQS, emulated by ElasticMQ inside this JVM on a free loopback port. */
public final class ElasticMqEmulator implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMqEmulator(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMqEmulator start() {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(LocalCloud.REGION)
                .withAWSAccountId(LocalCloud.ACCOUNT_ID)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqEmulator(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
