package com.shopkhaos.simulators.khaos;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/**
 * The checks against our own examples in KCC's shapes ({@code src/test/resources/kcc-shapes}): the same fields and
 * nesting as the vendor README's examples, with our own values (the README carries no licence, so none of its
 * examples is copied here). {@link KccSpecExamplesTest} holds these shapes against the vendor's when it can.
 */
class KccOwnExamplesTest extends KccExampleChecks {
    private static KccExamples.Examples examples;

    @BeforeAll
    static void readOurExamples() throws IOException {
        examples = KccExamples.ours();
    }

    @Override
    KccExamples.Examples examples() {
        return examples;
    }
}
