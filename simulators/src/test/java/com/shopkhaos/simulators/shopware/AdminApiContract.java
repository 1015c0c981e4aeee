package com.shopkhaos.simulators.shopware;

import com.shopkhaos.emulator.NodeTools;
import com.shopkhaos.emulator.RepositoryRoot;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shopware's own Admin API schema (OpenAPI 3.1, Shopware 6.7), used to validate what the simulator answers and
 * what is sent to it, with a JSON Schema 2020-12 validator.
 *
 * <p>It is {@code api-types/adminApiSchema.json} of the npm package {@code @shopware/api-client} (MIT), at the
 * version {@code package-lock.json} pins, in the repository's {@code node_modules} (installed by the build's
 * {@code npm ci}, or here when missing). Documented deviations of the schema from what Shopware really sends are
 * corrected before validating ({@link #ERRATA}).
 */
public final class AdminApiContract {
    /**
     * Where the published schema and Shopware disagree, Shopware wins:
     * <ul>
     *   <li>{@code calculatedTaxes} and {@code taxRules} are declared {@code "type":"object"}, but they are
     *   collections, and {@code Collection::jsonSerialize} returns {@code array_values(...)}: a JSON list
     *   (shopware/shopware src/Core/Framework/Struct/Collection.php).</li>
     *   <li>{@code Country.addressFormat} is declared an object; it is a JSON field holding a list of lines
     *   (6.6 default {@code [["address/company","symbol/dash","address/department"],…]}).</li>
     *   <li>Optional fields are declared without {@code null}, but the DAL stores NULL for unset optional
     *   fields and the JSON encoder writes them ({@code "company": null}); optional properties may be null.</li>
     *   <li>{@code ShippingMethod.technicalName} is required in this (6.7) schema; in 6.6, which the simulator
     *   simulates, it is nullable (exists since 6.5.7.0, required from 6.7).</li>
     *   <li>PATCH bodies are declared with the entity's full schema, {@code required} fields included,
     *   but a PATCH is a partial update (ApiController::update); {@code required} is ignored for them.</li>
     * </ul>
     */
    static final List<String> ERRATA = List.of(
            "calculatedTaxes/taxRules/addressFormat: object in the schema, a JSON list in reality",
            "optional properties may be null",
            "ShippingMethod.technicalName may be null (6.6)",
            "PATCH bodies: partial updates, so the entity's required fields are not required");

    private static final String DOCUMENT_URI = "https://contract.shopkhaos.local/shopware-adminapi.json";
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static volatile AdminApiContract loaded;
    private final ObjectNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().preloadJsonSchema(false).build();

    /** Where npm installs the schema, under the repository's root. */
    static final String SCHEMA = "node_modules/@shopware/api-client/api-types/adminApiSchema.json";

    private AdminApiContract(ObjectNode document) {
        this.document = document;
        String text = SimJson.write(document);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, text))));
    }

    static Path location() {
        return RepositoryRoot.locate().resolve(SCHEMA);
    }

    public static synchronized AdminApiContract load() throws IOException {
        if (loaded == null) {
            NodeTools.ensureInstalled(RepositoryRoot.locate());
            Path file = location();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Shopware's Admin API schema is not at " + file + " although npm installed "
                        + "@shopware/api-client: did the package move it?");
            }
            ObjectNode document = (ObjectNode) SimJson.MAPPER.readTree(file.toFile());
            applyErrata(document);
            loaded = new AdminApiContract(document);
        }
        return loaded;
    }

    /** The Shopware version the schema describes ({@code info.version}, e.g. {@code 6.7.10.1}). */
    String shopwareVersion() {
        return document.path("info").path("version").asText();
    }

    private static void applyErrata(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String collection : List.of("calculatedTaxes", "taxRules", "addressFormat")) {
                JsonNode property = object.path("properties").path(collection);
                if (property.isObject() && "object".equals(property.path("type").asText())) {
                    ArrayNode types = ((ObjectNode) property).putArray("type");
                    types.add("object").add("array");
                }
            }
            Set<String> required = new HashSet<>();
            object.path("required").forEach(r -> required.add(r.asText()));
            object.path("properties").fields().forEachRemaining(p -> {
                if (!required.contains(p.getKey()) && p.getValue().path("type").isTextual()) {
                    String type = p.getValue().path("type").asText();
                    ((ObjectNode) p.getValue()).putArray("type").add(type).add("null");
                }
            });
            JsonNode shippingTechnicalName = object.path("ShippingMethod").path("properties").path("technicalName");
            if (shippingTechnicalName.path("type").isTextual()) {
                ((ObjectNode) shippingTechnicalName).putArray("type").add("string").add("null");
            }
            object.forEach(AdminApiContract::applyErrata);
        } else if (node.isArray()) {
            node.forEach(AdminApiContract::applyErrata);
        }
    }

    /** The schema at a JSON pointer into the document, e.g. {@code /components/schemas/Order}. */
    private JsonSchema schema(String pointer, boolean ignoreRequired) {
        return CACHE.computeIfAbsent(pointer + ignoreRequired, k -> {
            if (!ignoreRequired) {
                return factory.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + pointer), config);
            }
            ObjectNode partial = document.at(pointer).deepCopy();
            partial.remove("required");
            ObjectNode wrapper = SimJson.object();
            wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            wrapper.setAll(rebaseRefs(partial));
            return factory.getSchema(wrapper, config);
        });
    }

    /** Local refs ({@code #/components/...}) of a schema taken out of the document, pointed back at the document. */
    private static ObjectNode rebaseRefs(ObjectNode node) {
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("$ref") && e.getValue().asText().startsWith("#")) {
                e.setValue(SimJson.MAPPER.getNodeFactory().textNode(DOCUMENT_URI + e.getValue().asText()));
            } else if (e.getValue().isObject()) {
                rebaseRefs((ObjectNode) e.getValue());
            } else if (e.getValue().isArray()) {
                e.getValue().forEach(item -> {
                    if (item.isObject()) {
                        rebaseRefs((ObjectNode) item);
                    }
                });
            }
        });
        return node;
    }

    /** Problems of {@code instance} against the schema at {@code pointer}; empty when it conforms. */
    public List<String> problems(String pointer, JsonNode instance) {
        return messages(schema(pointer, false).validate(instance));
    }

    /** For PATCH bodies: the entity schema without its {@code required} list. */
    public List<String> problemsOfPartial(String pointer, JsonNode instance) {
        return messages(schema(pointer, true).validate(instance));
    }

    public static String response(String path, String method) {
        return "/paths/" + escape(path) + "/" + method + "/responses/200/content/application~1json/schema";
    }

    public static String requestBody(String path, String method) {
        return "/paths/" + escape(path) + "/" + method + "/requestBody/content/application~1json/schema";
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.getMessage()));
        return out;
    }
}
