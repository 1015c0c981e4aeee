package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KCC's message shapes as JSON examples (an OrderDownload answer, an OrderStatusUpload, a StockStatusUpload and a
 * StockUpload), from two places: our own examples in those shapes ({@code src/test/resources/kcc-shapes}, always
 * there) and the vendor's own, read from the README of khaoscontrol/kcc-web-services at the path in
 * {@code $KCC_SPEC_README} (it carries no licence, so it is not committed). Shared with the sandbox's tests of our
 * channel.
 */
public final class KccExamples {
    public static final String VARIABLE = "KCC_SPEC_README";
    static final String FOLDER = "/kcc-shapes/";
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\s*\\n(.*?)```", Pattern.DOTALL);

    /** The four examples. */
    public record Examples(JsonNode orderDownload, JsonNode orderStatus, JsonNode stockStatus, JsonNode stockUpload) {
    }

    private KccExamples() {
    }

    /** Our own examples in KCC's shapes: the same fields and nesting as the vendor's, with our own values. */
    public static Examples ours() throws IOException {
        return new Examples(resource("order-download.json"), resource("order-status-upload.json"),
                resource("stock-status-upload.json"), resource("stock-upload.json"));
    }

    /**
     * The vendor's own examples; the calling test is skipped (an assumption fails), saying so on stderr, when
     * {@code $KCC_SPEC_README} names no readable file.
     */
    public static Examples vendors() throws IOException {
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
        return new Examples(orderDownload, orderStatus, stockStatus, stockUpload);
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = KccExamples.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + FOLDER + name);
            }
            return SimJson.MAPPER.readTree(in);
        }
    }
}
