package com.shopkhaos.sandbox.khaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.sandbox.sim.SimJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks against the vendor's own JSON examples, read from the README of khaoscontrol/kcc-web-services at the
 * path in {@code $KCC_SPEC_README} (the README carries no licence, so it is not committed); skipped, saying so,
 * without it. Also holds our own examples ({@link KccOwnExamplesTest}) to the vendor's shapes: the same fields,
 * nesting and JSON types.
 */
class KccSpecExamplesTest extends KccExampleChecks {
    static final String VARIABLE = "KCC_SPEC_README";
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\s*\\n(.*?)```", Pattern.DOTALL);
    private static Examples examples;

    @BeforeAll
    static void readTheVendorsExamples() throws IOException {
        String configured = System.getenv(VARIABLE);
        boolean present = configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured));
        if (!present) {
            System.err.println("SKIPPING the checks against KCC's own examples: set " + VARIABLE + " to the path of the "
                    + "README of khaoscontrol/kcc-web-services to run them" + (configured == null || configured.isBlank()
                            ? "" : " (nothing at " + configured + ")"));
        }
        assumeTrue(present, VARIABLE + " names no readable file");
        JsonNode orderDownload = null;
        JsonNode orderStatus = null;
        JsonNode stockStatus = null;
        JsonNode stockUpload = null;
        Matcher m = JSON_BLOCK.matcher(Files.readString(Path.of(configured), StandardCharsets.UTF_8));
        while (m.find()) {
            JsonNode json;
            try {
                json = SimJson.MAPPER.readTree(m.group(1));
            } catch (IOException fragment) {
                continue;
            }
            if (json.has("Orders") && json.has("ApiVersion")) {
                orderDownload = json;
            } else if (json.has("Statuses") && json.path("Statuses").path(0).has("OrderCode")) {
                orderStatus = json;
            } else if (json.has("Statuses") && json.path("Statuses").path(0).has("SiteID")) {
                stockStatus = json;
            } else if (json.has("Items") && json.has("Deleted")) {
                stockUpload = json;
            }
        }
        assertThat(List.of(String.valueOf(orderDownload), String.valueOf(orderStatus), String.valueOf(stockStatus),
                String.valueOf(stockUpload))).as("all four examples found in the README").doesNotContain("null");
        examples = new Examples(orderDownload, orderStatus, stockStatus, stockUpload);
    }

    @Override
    Examples examples() {
        return examples;
    }

    @Test
    void ourOwnExamples_haveTheVendorsShapes() throws IOException {
        Examples ours = KccOwnExamplesTest.ours();
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
