package com.shopkhaos.infra.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** SQS events as Lambda delivers them, read from JSON fixtures the way the Lambda runtime reads them (names in any case). */
final class SqsEvents {
    private static final ObjectMapper LAMBDA_JSON = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SqsEvents() {
    }

    static SQSEvent load(String resource) {
        try (InputStream in = SqsEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return LAMBDA_JSON.readValue(in, SQSEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The batch answer as Lambda reads it back. */
    static String json(Object answer) {
        try {
            return new ObjectMapper().writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
