package io.bizmaster.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bizmaster.definition.DefinitionPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Camel's YAML DSL JSON schema, the one inside the camel-yaml-dsl jar on the class path (so it is always the schema of
 * the Camel that runs the routes), and what it says of a route file, in the words of a route file.
 *
 * <p>The schema is stricter than Camel in one way: Camel reads every scalar as text and converts it, so
 * {@code autoStartup: "{{autoStartup}}"} (a placeholder), {@code doWhile: "true"} or {@code id: 7} are fine although
 * the schema wants a boolean or a text there; those findings are dropped. Of the findings about which form of a node
 * was meant (a {@code oneOf}), only the most precise is kept: {@code bean.method: expected a text, got a list} rather
 * than that and "bean: expected a text" for the form {@code bean: myBean}.
 */
final class DslSchema {

    /** A finding of the schema: at the node of a JSON pointer into the file, what is wrong there. */
    record Finding(String pointer, String message) {
    }

    static final String RESOURCE = "schema/camelYamlDsl.json";
    private static final Set<String> FORM_KEYWORDS = Set.of("type", "oneOf", "anyOf");

    private final com.fasterxml.jackson.databind.JsonNode raw;
    private final JsonSchema schema;

    DslSchema(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Camel's YAML DSL schema (" + RESOURCE + ") is not on the class path: "
                        + "camel-yaml-dsl is missing from this build");
            }
            raw = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Camel's YAML DSL schema " + RESOURCE, e);
        }
        // 'deprecated' is Camel's annotation, not a draft-04 keyword: known, so that it is not warned about.
        JsonMetaSchema v4 = JsonMetaSchema.builder(JsonMetaSchema.getV4()).keyword(new NonValidationKeyword("deprecated"))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(v4).build();
        // Not preloaded: building validators for the whole 700 kB schema takes seconds, a route file uses a few of them.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH).preloadJsonSchema(false).build();
        schema = factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE), raw, config);
    }

    List<Finding> check(JsonNode tree) {
        List<Raw> found = new ArrayList<>();
        for (ValidationMessage message : schema.validate(tree.toString(), InputFormat.JSON)) {
            Raw finding = new Raw(pointer(message.getInstanceLocation()), message, owner(message.getSchemaLocation()));
            if (!finding.tolerated()) {
                found.add(finding);
            }
        }
        // Of the findings about a node's form, only those no finding deeper in the node explains.
        List<Raw> kept = found.stream().filter(f -> !FORM_KEYWORDS.contains(f.type()) || found.stream().noneMatch(other ->
                other != f && (other.pointer().startsWith(f.pointer() + "/")
                        || other.pointer().equals(f.pointer()) && f.type().endsWith("Of") && !other.type().endsWith("Of"))))
                .toList();
        Map<String, List<Raw>> byPointer = new LinkedHashMap<>();
        kept.forEach(f -> byPointer.computeIfAbsent(f.pointer(), p -> new ArrayList<>()).add(f));
        List<Finding> findings = new ArrayList<>();
        byPointer.forEach((pointer, here) -> findings.addAll(describe(pointer, here, tree)));
        return findings;
    }

    private List<Finding> describe(String pointer, List<Raw> here, JsonNode tree) {
        List<Finding> findings = new ArrayList<>();
        Set<String> expectedTypes = new TreeSet<>();
        boolean tooManyKeys = here.stream().anyMatch(f -> f.type().equals("maxProperties"));
        boolean unknownKeys = here.stream().anyMatch(f -> f.type().equals("additionalProperties"));
        JsonNode node = tree.at(pointer);
        for (Raw f : here) {
            switch (f.type()) {
                case "type" -> expectedTypes.add(f.schemaText());
                case "additionalProperties" -> findings.add(unknownKey(pointer, f, node, tooManyKeys));
                case "maxProperties" -> {
                    if (!unknownKeys) {
                        findings.add(new Finding(pointer, "has " + node.size() + " keys where Camel takes one (one key "
                                + "per list item: a step's options go indented under its EIP)"));
                    }
                }
                case "required" -> findings.add(new Finding(pointer, "missing key '" + f.message().getProperty()
                        + "' (Camel's YAML DSL needs it here)"));
                case "enum" -> findings.add(new Finding(pointer, "expected one of " + f.schemaNode().path("enum")
                        + ", got " + shown(pointer, node)));
                case "oneOf", "anyOf" -> findings.add(new Finding(pointer, "is in no form Camel's YAML DSL takes here "
                        + "(see the Camel documentation of '" + lastKey(pointer) + "')"));
                default -> findings.add(new Finding(pointer, f.message().getMessage().replaceFirst("^\\S*: ", "")));
            }
        }
        if (pointer.isEmpty() && expectedTypes.contains("array")) {
            findings.add(0, new Finding(pointer, node.isMissingNode() || node.isNull()
                    ? "has no route (Camel refuses an empty route file: delete it, or add - route: ...)"
                    : "is not a list (a route file lists its items, each starting with '- ', e.g. - route:)"));
        } else if (!expectedTypes.isEmpty()) {
            List<String> kinds = expectedTypes.stream().map(DslSchema::kind).toList();
            findings.add(0, new Finding(pointer, "expected " + String.join(" or ", kinds) + ", got " + shown(pointer, node)));
        }
        return findings;
    }

    private Finding unknownKey(String pointer, Raw f, JsonNode node, boolean oneKeyOnly) {
        String key = f.message().getProperty();
        Set<String> allowed = new TreeSet<>();
        f.schemaNode().path("properties").fieldNames().forEachRemaining(allowed::add);
        String hint = Suggestions.didYouMean(key, allowed);
        if (hint.isEmpty() && oneKeyOnly) {
            String eip = node.propertyNames().stream().filter(allowed::contains).findFirst().orElse(null);
            hint = eip == null ? "a step is one EIP, its options indented under it"
                    : "a step is one EIP: is '" + key + "' an option of '" + eip + "' indented too little?";
        }
        if (hint.isEmpty()) {
            hint = allowed.isEmpty() ? "Camel's YAML DSL has no such key here"
                    : allowed.size() <= 12 ? "expected one of " + allowed : "Camel's YAML DSL has no such key here";
        }
        return new Finding(DefinitionPaths.child(pointer, key), "unknown key '" + key + "' (" + hint + ")");
    }

    /** The last key of a pointer, not a list index: {@code to} for {@code /0/route/from/steps/2/to}. */
    private static String lastKey(String pointer) {
        String[] segments = pointer.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (!segments[i].matches("\\d+")) {
                return segments[i].replace("~1", "/").replace("~0", "~");
            }
        }
        return "";
    }

    private static String shown(String pointer, JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        return Suggestions.shown(lastKey(pointer), node.isString() ? node.stringValue() : node.toString());
    }

    private static String kind(String schemaType) {
        return switch (schemaType) {
            case "string" -> "a text";
            case "object" -> "a mapping (key: value)";
            case "array" -> "a list";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            default -> schemaType;
        };
    }

    private static String pointer(JsonNodePath path) {
        String pointer = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer = DefinitionPaths.child(pointer, String.valueOf(path.getElement(i)));
        }
        return pointer;
    }

    /** The schema node holding the keyword a location names: {@code .../autoStartup} for {@code .../autoStartup/type}. */
    private com.fasterxml.jackson.databind.JsonNode owner(SchemaLocation location) {
        com.fasterxml.jackson.databind.JsonNode node = raw;
        JsonNodePath fragment = location.getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    /** One finding of the validator, with the schema node holding the keyword that failed. */
    private record Raw(String pointer, ValidationMessage message, com.fasterxml.jackson.databind.JsonNode schemaNode) {

        String type() {
            return message.getType();
        }

        String schemaText() {
            com.fasterxml.jackson.databind.JsonNode type = schemaNode.path("type");
            return type.isTextual() ? type.textValue() : String.valueOf(type);
        }

        /**
         * A type the schema wants that Camel gets to anyway: a placeholder, a text Camel converts (true, 5), or a
         * number or true/false where a text is wanted (Camel reads the scalar as text).
         */
        boolean tolerated() {
            if (!type().equals("type")) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode value = message.getInstanceNode();
            String wanted = schemaText();
            if (value.isTextual()) {
                String text = value.textValue().strip();
                return text.contains("{{") || switch (wanted) {
                    case "boolean" -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
                    case "integer" -> text.matches("-?\\d+");
                    case "number" -> text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
                    default -> false;
                };
            }
            return wanted.equals("string") && (value.isNumber() || value.isBoolean());
        }
    }
}
