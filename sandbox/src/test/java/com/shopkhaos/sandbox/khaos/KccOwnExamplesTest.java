package com.shopkhaos.sandbox.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.sandbox.sim.SimJson;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;

/**
 * The checks against our own examples in KCC's shapes ({@code src/test/resources/kcc-shapes}): the same fields and
 * nesting as the vendor README's examples, with our own values (the README carries no licence, so none of its
 * examples is copied here). {@link KccSpecExamplesTest} holds these shapes against the vendor's when it can.
 */
class KccOwnExamplesTest extends KccExampleChecks {
    static final String FOLDER = "/kcc-shapes/";
    private static Examples examples;

    static Examples ours() throws IOException {
        return new Examples(resource("order-download.json"), resource("order-status-upload.json"),
                resource("stock-status-upload.json"), resource("stock-upload.json"));
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = KccOwnExamplesTest.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + FOLDER + name);
            }
            return SimJson.MAPPER.readTree(in);
        }
    }

    @BeforeAll
    static void readOurExamples() throws IOException {
        examples = ours();
    }

    @Override
    Examples examples() {
        return examples;
    }
}
