package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks against the vendor's own JSON examples, read from the README of khaoscontrol/kcc-web-services at the
 * path in {@code $KCC_SPEC_README} ({@link KccExamples#vendors()}; the README carries no licence, so it is not
 * committed); skipped, saying so, without it. Also holds our own examples ({@link KccOwnExamplesTest}) to the vendor's shapes: the same fields,
 * nesting and JSON types.
 */
class KccSpecExamplesTest extends KccExampleChecks {
    private static KccExamples.Examples examples;

    @BeforeAll
    static void readTheVendorsExamples() throws IOException {
        examples = KccExamples.vendors();
    }

    @Override
    KccExamples.Examples examples() {
        return examples;
    }

    @Test
    void ourOwnExamples_haveTheVendorsShapes() throws IOException {
        KccExamples.Examples ours = KccExamples.ours();
        Map<String, JsonNode[]> pairs = Map.of(
                "OrderDownload", new JsonNode[] {examples.orderDownload(), ours.orderDownload()},
                "OrderStatusUpload", new JsonNode[] {examples.orderStatus(), ours.orderStatus()},
                "StockStatusUpload", new JsonNode[] {examples.stockStatus(), ours.stockStatus()},
                "StockUpload", new JsonNode[] {examples.stockUpload(), ours.stockUpload()});
        pairs.forEach((name, pair) -> {
            List<String> differences = new ArrayList<>();
            compare(name, pair[0], pair[1], differences);
            assertThat(differences).as(name + ": our example against the vendor's").isEmpty();
        });
    }

    /** Same fields (both ways), same JSON types; lists compared by their first element. */
    private static void compare(String at, JsonNode vendor, JsonNode ours, List<String> differences) {
        if (vendor.getNodeType() != ours.getNodeType()) {
            differences.add(at + ": " + vendor.getNodeType() + " in the vendor's, " + ours.getNodeType() + " in ours");
        } else if (vendor.isObject()) {
            if (!keys(vendor).equals(keys(ours))) {
                differences.add(at + ": fields " + keys(vendor) + " in the vendor's, " + keys(ours) + " in ours");
            }
            for (Iterator<String> names = vendor.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (ours.has(name)) {
                    compare(at + "." + name, vendor.get(name), ours.get(name), differences);
                }
            }
        } else if (vendor.isArray() && !vendor.isEmpty() && !ours.isEmpty()) {
            compare(at + "[0]", vendor.get(0), ours.get(0), differences);
        }
    }
}
