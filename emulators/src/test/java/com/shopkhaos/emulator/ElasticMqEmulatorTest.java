package com.shopkhaos.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Closing the SQS emulator does not wait on a client's open long poll (the sandbox's Ctrl-C must not either). */
class ElasticMqEmulatorTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(URI uri, String form) throws Exception {
        return http.send(request(uri, form), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, String form) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    @Test
    void close_returnsWhileAClientsLongPollIsStillOpen() throws Exception {
        ElasticMqEmulator sqs = ElasticMqEmulator.start();
        String created = call(sqs.endpoint(), "Action=CreateQueue&QueueName=long-poll").body();
        URI queue = URI.create(created.replaceAll("(?s).*<QueueUrl>(.*)</QueueUrl>.*", "$1"));
        assertThat(call(queue, "Action=GetQueueAttributes&AttributeName.1=All").statusCode()).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(
                request(queue, "Action=ReceiveMessage&WaitTimeSeconds=20&MaxNumberOfMessages=1"),
                HttpResponse.BodyHandlers.ofString());
        // a request sent after the poll is answered: the poll has reached ElasticMQ and is waiting for a message
        assertThat(call(queue, "Action=GetQueueAttributes&AttributeName.1=All").statusCode()).isEqualTo(200);
        assertThat(longPoll).isNotDone();

        sqs.close();
        boolean pollEndedFirst = longPoll.isDone();

        assertThat(longPoll.get().statusCode()).as("the poll was open while closing, and ran to its end").isEqualTo(200);
        assertThat(pollEndedFirst).as("close returned before the 20 s long poll ended").isFalse();
    }
}
