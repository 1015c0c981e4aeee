package com.shopkhaos.emulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A SAM/CloudFormation template read as plain maps. Short-form intrinsics ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub} …) become their long form ({@code {"Ref": …}}, {@code {"Fn::GetAtt": [..]}}).
 */
public final class CloudFormationTemplate {

    /** One resource of the template. */
    public record Resource(String logicalId, String type, Map<String, Object> properties) {
    }

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new IntrinsicFunctions()).load(reader);
            if (!(loaded instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a template (no top-level mapping)");
            }
            return new CloudFormationTemplate(cast(loaded));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Resource> resources() {
        Map<String, Resource> out = new LinkedHashMap<>();
        Map<String, Object> resources = cast(root.getOrDefault("Resources", Map.of()));
        resources.forEach((id, body) -> {
            Map<String, Object> resource = cast(body);
            out.put(id, new Resource(id, String.valueOf(resource.get("Type")),
                    cast(resource.getOrDefault("Properties", Map.of()))));
        });
        return out;
    }

    /** Each parameter's declaration (Type, Default, MinValue, AllowedValues, Description …), by name. */
    public Map<String, Map<String, Object>> parameters() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        cast(root.getOrDefault("Parameters", Map.of())).forEach((name, body) -> out.put(name, cast(body)));
        return out;
    }

    public Map<String, Object> parameterDefaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> parameters = cast(root.getOrDefault("Parameters", Map.of()));
        parameters.forEach((name, body) -> out.put(name, cast(body).get("Default")));
        return out;
    }

    /** {@code Globals.Function} of a SAM template (MemorySize, Timeout, Runtime …), or empty. */
    public Map<String, Object> globalFunctionProperties() {
        Map<String, Object> globals = cast(root.getOrDefault("Globals", Map.of()));
        return cast(globals.getOrDefault("Function", Map.of()));
    }

    /** {@code Globals.Function.Environment.Variables} of a SAM template, or empty. */
    public Map<String, Object> globalFunctionVariables() {
        Map<String, Object> globals = cast(root.getOrDefault("Globals", Map.of()));
        Map<String, Object> function = cast(globals.getOrDefault("Function", Map.of()));
        Map<String, Object> environment = cast(function.getOrDefault("Environment", Map.of()));
        return cast(environment.getOrDefault("Variables", Map.of()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    /** SnakeYAML constructor that understands CloudFormation's short-form tags. */
    private static final class IntrinsicFunctions extends SafeConstructor {
        private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
                "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or");

        IntrinsicFunctions() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (name.equals("Fn::GetAtt") && value instanceof String dotted) {
                    value = List.of(dotted.split("\\.", 2));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(name, value);
                return longForm;
            }
        }
    }
}
