package com.shopkhaos.emulator;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.jdk.javaapi.FutureConverters;

/** SQS, emulated by ElasticMQ inside this JVM on a free loopback port. */
public final class ElasticMqEmulator implements AutoCloseable {
    /**
     * How long closing waits for ElasticMQ to stop. Its own stop waits for requests in flight (a long poll holds
     * on for up to 20 s) for up to a minute; an emulator owes an open long poll nothing, so closing goes on
     * after this, and the poll ends with the JVM.
     */
    static final long STOP_WAIT_SECONDS = 3;
    private static final System.Logger LOG = System.getLogger(ElasticMqEmulator.class.getName());

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
        try {
            FutureConverters.asJava(server.stopAndGetFuture().apply()).toCompletableFuture()
                    .get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(System.Logger.Level.INFO, "SQS emulator closed without waiting for what it still answers ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
