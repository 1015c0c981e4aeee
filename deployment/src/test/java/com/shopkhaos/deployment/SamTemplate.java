package com.shopkhaos.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code template.yaml} as {@code sam deploy} sends it to CloudFormation: translated by SAM itself
 * ({@code aws-sam-translator} through {@code tools/sam-translate.py}), so Globals are merged, implicit roles, aliases,
 * event source mappings and schedules are there as SAM makes them.
 */
final class SamTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, SamTemplate> TRANSLATED = new ConcurrentHashMap<>();

    /** A Lambda function of the translated template. */
    record Function(String logicalId, String handler, String runtime, int memoryMb, int timeoutSeconds, String localCodeUri,
                    JsonNode environment, JsonNode properties) {
    }

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    static SamTemplate of(Path templateFile, String... parameters) {
        return TRANSLATED.computeIfAbsent(templateFile.toAbsolutePath().normalize(), f -> translate(f, parameters));
    }

    static SamTemplate translate(Path templateFile, String... parameters) {
        Path root = RepoRoot.get();
        List<String> command = new ArrayList<>(List.of("python3", root.resolve("tools/sam-translate.py").toString(),
                templateFile.toString()));
        command.addAll(List.of(parameters));
        try {
            Path out = Files.createTempFile("sam-translated", ".json");
            Path err = Files.createTempFile("sam-translated", ".err");
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("SAM translation did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("SAM cannot translate " + templateFile + " (exit " + p.exitValue() + "; "
                        + "python3 with aws-sam-translator is needed: pip install aws-sam-translator):\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            JsonNode tree = JSON.readTree(out.toFile());
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return new SamTemplate(tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run python3 tools/sam-translate.py: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode resources() {
        return root.path("Resources");
    }

    JsonNode resource(String logicalId) {
        JsonNode r = resources().path(logicalId);
        if (r.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the translated template");
        }
        return r;
    }

    /** Every Lambda function the stack deploys from a zip this repository builds, by logical id. */
    Map<String, Function> functions() {
        Map<String, Function> out = new LinkedHashMap<>();
        resources().fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (r.path("Type").asText().equals("AWS::Lambda::Function")) {
                JsonNode p = r.path("Properties");
                out.put(e.getKey(), new Function(e.getKey(), p.path("Handler").asText(null), p.path("Runtime").asText(null),
                        p.path("MemorySize").asInt(128), p.path("Timeout").asInt(3),
                        r.path("Metadata").path("LocalCodeUri").asText(null), p.path("Environment").path("Variables"), p));
            }
        });
        return out;
    }

    /** Resources of a type, by logical id. */
    Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("Type").asText().equals(type)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    JsonNode root() {
        return root;
    }
}
