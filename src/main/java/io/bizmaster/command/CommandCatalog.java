package io.bizmaster.command;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.DefinitionPaths;
import io.bizmaster.definition.Problem;
import io.bizmaster.definition.Problems;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The command catalogue: which command types the core honours and what their payloads look like,
 * read from a YAML file such as {@code commands/catalog.yaml}:
 *
 * <pre>
 * types:
 *   customer.credited:
 *     description: Money put on a customer's account.   # optional
 *     key: customer id                                   # optional, documents what the key is
 *     additionalFields: false                            # optional, default false
 *     payload:
 *       amount: {type: integer, required: true, min: 1, max: 1000000}
 * </pre>
 *
 * Field types and their options (every field also takes {@code required} and {@code description}):
 * <ul>
 *   <li>{@code string}: {@code minLength}, {@code maxLength} (in UTF-16 code units, as H2 and Java count: a
 *       character outside the BMP, such as most emoji, counts as two), {@code pattern}
 *       (a Java regex the whole value must match), {@code enum} (list of allowed strings);</li>
 *   <li>{@code integer} (a JSON number without fraction or exponent, within the 64-bit range): {@code min}, {@code max};</li>
 *   <li>{@code decimal} (any JSON number, at most 38 digits before and 38 after the point):
 *       {@code min}, {@code max}, {@code scale} (at most that many decimals, trailing zeros not counted);</li>
 *   <li>{@code boolean};</li>
 *   <li>{@code timestamp}: an ISO-8601 string with offset, e.g. {@code 2026-11-23T10:15:30Z}, years 1000 to 9999;</li>
 *   <li>{@code object}: {@code fields} (map of nested fields), {@code additionalFields};</li>
 *   <li>{@code array}: {@code items} (the spec of every element), {@code minItems}, {@code maxItems}.</li>
 * </ul>
 * A field spec may be shortened to its type name: {@code nickname: string}.
 * An optional field given as JSON {@code null} counts as absent. Unknown payload fields are rejected
 * unless the type (or the nested object) declares {@code additionalFields: true}.
 *
 * <p>Immutable and thread-safe once constructed. Not a Spring bean by itself: the lead wires it.
 */
public final class CommandCatalog {

    /** What a command type name looks like: lowercase words separated by dots, at least two. */
    public static final Pattern TYPE_NAME = Pattern.compile(CatalogFile.TYPE_NAME);

    /** What a payload field name declared in the catalogue looks like. */
    public static final Pattern FIELD_NAME = Pattern.compile(CatalogFile.FIELD_NAME);

    /** The range of every timestamp the parser accepts (issuedAt and timestamp fields): years 1000 to 9999 UTC. */
    public static final java.time.Instant EARLIEST_TIMESTAMP = Text.MIN_TIMESTAMP;
    public static final java.time.Instant LATEST_TIMESTAMP = Text.MAX_TIMESTAMP;

    /** Digits allowed before and after the decimal point of a {@code decimal} (SQL DECIMAL's usual maximum). */
    public static final int MAX_DECIMAL_DIGITS = 38;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The field types of the catalogue. */
    public enum FieldType {
        STRING("minLength", "maxLength", "pattern", "enum"),
        INTEGER("min", "max"),
        DECIMAL("min", "max", "scale"),
        BOOLEAN(),
        TIMESTAMP(),
        OBJECT("fields", "additionalFields"),
        ARRAY("items", "minItems", "maxItems");

        private final List<String> options;

        FieldType(String... specific) {
            List<String> all = new ArrayList<>(List.of("type", "required", "description"));
            all.addAll(Arrays.asList(specific));
            this.options = List.copyOf(all);
        }

        /** The name used in the YAML file, e.g. {@code string}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The options a field of this type may carry. */
        public List<String> options() {
            return options;
        }

        static Optional<FieldType> fromYaml(String name) {
            for (FieldType t : values()) {
                if (t.yamlName().equals(name)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One declared payload field (or array item). Options that do not apply to the type, or were not
     * given, are {@code null} (or empty / false).
     */
    public record FieldSpec(
            String name,
            FieldType type,
            boolean required,
            String description,
            Integer minLength,
            Integer maxLength,
            Pattern pattern,
            List<String> enumValues,
            BigDecimal min,
            BigDecimal max,
            Integer scale,
            Map<String, FieldSpec> fields,
            boolean additionalFields,
            FieldSpec items,
            Integer minItems,
            Integer maxItems) {
    }

    /**
     * One declared command type. {@code payload} is in declaration order; {@code keyMaxLength} is the longest key
     * (UTF-16 units) the parser accepts for it.
     */
    public record CommandType(
            String name,
            String description,
            String keyDescription,
            Integer keyMaxLength,
            Map<String, FieldSpec> payload,
            boolean additionalFields) {
    }

    private final String source;
    private final Map<String, CommandType> types;

    /**
     * Loads the catalogue from a YAML file.
     *
     * @throws DefinitionException when the file cannot be read or declares something invalid: every problem, each
     *                             with the file, its line and its path
     */
    public CommandCatalog(Path file, DefinitionLoader loader) {
        this(read(file), file.toString(), loader);
    }

    public CommandCatalog(Path file) {
        this(file, new DefinitionLoader());
    }

    /** Loads a catalogue from YAML text; {@code sourceName} is what error messages call it. */
    public static CommandCatalog fromYaml(String yaml, String sourceName) {
        return new CommandCatalog(yaml, sourceName, new DefinitionLoader());
    }

    private CommandCatalog(String yaml, String sourceName, DefinitionLoader loader) {
        this.source = sourceName;
        this.types = Collections.unmodifiableMap(load(yaml, sourceName, loader));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DefinitionException(file.toString(), List.of(new Problem("", 0, "cannot be read: " + e)));
        }
    }

    /** The declared command type names, sorted. */
    public Set<String> types() {
        return types.keySet();
    }

    /** Whether {@code type} is a declared command type. */
    public boolean contains(String type) {
        return type != null && types.containsKey(type);
    }

    /** The declaration of a command type. */
    public Optional<CommandType> type(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** Where this catalogue was read from. */
    public String source() {
        return source;
    }

    /**
     * Validates a payload against its command type. Returns every violation (empty when the payload is
     * valid), each as {@code <json path>: <problem>}, the path starting with {@code payload}, e.g.
     * {@code payload.address.city: required field is missing}. Values shown are escaped and cut, so
     * each violation is safe to log and display. Also rejects strings and field names holding C0
     * control characters (other than tab, LF, CR) or lone surrogates, anywhere in the payload.
     *
     * @throws IllegalArgumentException when {@code type} is not declared
     */
    public List<String> validate(String type, JsonNode payload) {
        CommandType declared = types.get(type);
        if (declared == null) {
            throw new IllegalArgumentException("unknown command type " + Text.singleQuoted(String.valueOf(type)));
        }
        List<String> out = new ArrayList<>();
        if (payload == null || payload.isMissingNode()) {
            out.add("payload: required field is missing");
        } else if (!payload.isObject()) {
            out.add("payload: expected object, got " + Text.describe(payload));
        } else {
            validateObject(declared.payload(), declared.additionalFields(), payload, "payload", out);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Validation

    private static void validateObject(Map<String, FieldSpec> fields, boolean additional, JsonNode node,
                                       String path, List<String> out) {
        for (FieldSpec spec : fields.values()) {
            JsonNode value = node.get(spec.name());
            String fieldPath = Text.child(path, spec.name());
            if (value == null) {
                if (spec.required()) {
                    out.add(fieldPath + ": required field is missing");
                }
            } else if (value.isNull()) {
                if (spec.required()) {
                    out.add(fieldPath + ": required field is null");
                }
            } else {
                validateValue(spec, value, fieldPath, out);
            }
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (fields.containsKey(member.getKey())) {
                continue;
            }
            String memberPath = Text.child(path, member.getKey());
            if (additional) {
                scanHygiene(member.getKey(), member.getValue(), memberPath, out);
            } else {
                out.add(memberPath + ": unknown field");
            }
        }
    }

    private static void validateValue(FieldSpec spec, JsonNode value, String path, List<String> out) {
        switch (spec.type()) {
            case STRING -> validateString(spec, value, path, out);
            case INTEGER -> validateInteger(spec, value, path, out);
            case DECIMAL -> validateDecimal(spec, value, path, out);
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    out.add(mismatch(path, spec, value));
                }
            }
            case TIMESTAMP -> {
                if (!value.isString()) {
                    out.add(mismatch(path, spec, value));
                } else if (hygiene(value.stringValue(), path, out) && Text.parseTimestamp(value.stringValue()) == null) {
                    out.add(path + ": " + Text.timestampProblem(value.stringValue()));
                }
            }
            case OBJECT -> {
                if (!value.isObject()) {
                    out.add(mismatch(path, spec, value));
                } else {
                    validateObject(spec.fields(), spec.additionalFields(), value, path, out);
                }
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    out.add(mismatch(path, spec, value));
                    return;
                }
                int size = value.size();
                if (spec.minItems() != null && size < spec.minItems()) {
                    out.add(path + ": " + items(size) + ", under the minimum of " + spec.minItems());
                }
                if (spec.maxItems() != null && size > spec.maxItems()) {
                    out.add(path + ": " + items(size) + ", over the maximum of " + spec.maxItems());
                }
                for (int i = 0; i < size; i++) {
                    JsonNode item = value.get(i);
                    String itemPath = Text.index(path, i);
                    if (item.isNull()) {
                        out.add(itemPath + ": expected " + spec.items().type().yamlName() + ", got null");
                    } else {
                        validateValue(spec.items(), item, itemPath, out);
                    }
                }
            }
        }
    }

    private static void validateString(FieldSpec spec, JsonNode value, String path, List<String> out) {
        if (!value.isString()) {
            out.add(mismatch(path, spec, value));
            return;
        }
        String s = value.stringValue();
        if (!hygiene(s, path, out)) {
            return;
        }
        int length = Text.length(s);
        if (spec.minLength() != null && length < spec.minLength()) {
            out.add(path + ": " + Text.lengthWord(s) + ", under the minimum of " + spec.minLength());
        }
        if (spec.maxLength() != null && length > spec.maxLength()) {
            out.add(path + ": " + Text.lengthWord(s) + ", over the maximum of " + spec.maxLength());
            return; // no point matching patterns / enums against an over-long value
        }
        if (spec.pattern() != null && !spec.pattern().matcher(s).matches()) {
            out.add(path + ": " + Text.quoted(s) + " does not match the pattern " + spec.pattern().pattern());
        }
        if (spec.enumValues() != null && !spec.enumValues().contains(s)) {
            out.add(path + ": " + Text.quoted(s) + " is not one of " + String.join(", ", spec.enumValues()));
        }
    }

    private static void validateInteger(FieldSpec spec, JsonNode value, String path, List<String> out) {
        if (!value.isIntegralNumber()) {
            out.add(mismatch(path, spec, value));
            return;
        }
        BigDecimal n = new BigDecimal(value.bigIntegerValue());
        if (n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0) {
            out.add(path + ": " + shown(n) + " is outside the 64-bit integer range");
            return;
        }
        checkRange(spec, n, path, out);
    }

    private static void validateDecimal(FieldSpec spec, JsonNode value, String path, List<String> out) {
        if (!value.isNumber()) {
            out.add(mismatch(path, spec, value));
            return;
        }
        BigDecimal n;
        if (value.isIntegralNumber()) {
            n = new BigDecimal(value.bigIntegerValue());
        } else if (value.isBigDecimal()) {
            n = value.decimalValue();
        } else {
            double d = value.doubleValue(); // a tree from another ObjectMapper; NaN/Infinity cannot be decimals
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.add(mismatch(path, spec, value));
                return;
            }
            n = value.decimalValue();
        }
        BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        long decimals = Math.max(0, stripped.scale());
        if (integerDigits > MAX_DECIMAL_DIGITS) {
            out.add(path + ": " + shown(n) + " is out of range (more than " + MAX_DECIMAL_DIGITS
                    + " digits before the decimal point)");
            return;
        }
        if (spec.scale() != null && decimals > spec.scale()) {
            out.add(path + ": " + shown(n) + " has more than " + spec.scale()
                    + (spec.scale() == 1 ? " decimal" : " decimals"));
        } else if (decimals > MAX_DECIMAL_DIGITS) {
            out.add(path + ": " + shown(n) + " has more than " + MAX_DECIMAL_DIGITS + " decimals");
        }
        checkRange(spec, n, path, out);
    }

    private static void checkRange(FieldSpec spec, BigDecimal n, String path, List<String> out) {
        if (spec.min() != null && n.compareTo(spec.min()) < 0) {
            out.add(path + ": " + shown(n) + " is below the minimum of " + spec.min().toPlainString());
        }
        if (spec.max() != null && n.compareTo(spec.max()) > 0) {
            out.add(path + ": " + shown(n) + " is above the maximum of " + spec.max().toPlainString());
        }
    }

    /** Checks a string's characters; adds a violation and returns false when it is not clean. */
    private static boolean hygiene(String s, String path, List<String> out) {
        String problem = Text.hygieneProblem(s, false);
        if (problem != null) {
            out.add(path + ": " + problem);
            return false;
        }
        return true;
    }

    /** Checks every field name and string of an undeclared (additionalFields) value. */
    private static void scanHygiene(String name, JsonNode value, String path, List<String> out) {
        if (name != null) {
            String problem = Text.hygieneProblem(name, false);
            if (problem != null) {
                out.add(path + ": field name " + problem);
            }
        }
        if (value.isString()) {
            hygiene(value.stringValue(), path, out);
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                scanHygiene(member.getKey(), member.getValue(), Text.child(path, member.getKey()), out);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                scanHygiene(null, value.get(i), Text.index(path, i), out);
            }
        }
    }

    private static String mismatch(String path, FieldSpec spec, JsonNode value) {
        return path + ": expected " + spec.type().yamlName() + ", got " + Text.describe(value);
    }

    private static String shown(BigDecimal n) {
        return Text.escape(n.toString(), Text.SHOWN_CHARS);
    }

    private static String items(int n) {
        return n == 1 ? "1 item" : n + " items";
    }

    // ---------------------------------------------------------------------------------------------
    // Loading

    private static Map<String, CommandType> load(String yaml, String source, DefinitionLoader loader) {
        CatalogFile file = loader.load(yaml, source, CatalogFile.class, CommandCatalog::check);
        Map<String, CommandType> result = new TreeMap<>();
        file.types().forEach((name, type) -> result.put(name, type == null ? new CommandType(name, null, null, null, Map.of(), false)
                : new CommandType(name, type.description(), type.key() == null ? null : type.key().description(),
                        keyMaxLength(type.key()), fields(type.payload()), isTrue(type.additionalFields()))));
        return result;
    }

    /** The longest key a type allows: its own bound, never above the envelope's {@link CommandParser#MAX_KEY_CHARS}. */
    private static int keyMaxLength(CatalogFile.KeyFile key) {
        return key == null || key.maxLength() == null ? CommandParser.MAX_KEY_CHARS
                : Math.min(key.maxLength(), CommandParser.MAX_KEY_CHARS);
    }

    /** What Bean Validation cannot say: which options go with which type, and the options' order. */
    private static void check(CatalogFile file, Problems problems) {
        if (file.types() == null) {
            return;
        }
        file.types().forEach((name, type) -> {
            if (type != null && type.payload() != null) {
                String typePath = DefinitionPaths.child("/types", name);
                type.payload().forEach((field, spec) -> checkField(spec, DefinitionPaths.child(typePath + "/payload", field),
                        true, problems));
            }
        });
    }

    private static void checkField(CatalogFile.FieldFile spec, String path, boolean mayBeRequired, Problems problems) {
        if (spec == null) {
            problems.add(path, "expected a field spec such as {type: string, required: true}");
            return;
        }
        if (spec.type() == null) {
            problems.add(path + "/type", "is missing (one of " + typeNames() + ")");
            return;
        }
        Optional<FieldType> found = FieldType.fromYaml(spec.type());
        if (found.isEmpty()) {
            problems.add(path + "/type", "unknown field type '" + spec.type() + "' (expected one of " + typeNames() + ")");
            return;
        }
        FieldType type = found.get();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("minLength", spec.minLength());
        given.put("maxLength", spec.maxLength());
        given.put("pattern", spec.pattern());
        given.put("enum", spec.enumValues());
        given.put("min", spec.min());
        given.put("max", spec.max());
        given.put("scale", spec.scale());
        given.put("fields", spec.fields());
        given.put("additionalFields", spec.additionalFields());
        given.put("items", spec.items());
        given.put("minItems", spec.minItems());
        given.put("maxItems", spec.maxItems());
        given.forEach((option, value) -> {
            if (value != null && !type.options().contains(option)) {
                problems.add(path + "/" + option, "does not apply to a " + type.yamlName() + " field (it takes: "
                        + String.join(", ", type.options()) + ")");
            }
        });
        if (isTrue(spec.required()) && !mayBeRequired) {
            problems.add(path + "/required", "does not apply to array items");
        }
        order(spec.minLength(), spec.maxLength(), path, "minLength", "maxLength", problems);
        order(spec.minItems(), spec.maxItems(), path, "minItems", "maxItems", problems);
        if (spec.min() != null && spec.max() != null && spec.min().compareTo(spec.max()) > 0) {
            problems.add(path + "/min", "(" + spec.min().toPlainString() + ") is greater than max (" + spec.max().toPlainString() + ")");
        }
        if (type == FieldType.INTEGER) {
            for (String bound : List.of("min", "max")) {
                BigDecimal n = (BigDecimal) given.get(bound);
                if (n != null && n.stripTrailingZeros().scale() > 0) {
                    problems.add(path + "/" + bound, "of an integer field must be a whole number, got " + n.toPlainString());
                }
            }
        }
        if (spec.pattern() != null) {
            try {
                Pattern.compile(spec.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(path + "/pattern", "is not a valid regular expression: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
        }
        if (spec.enumValues() != null && (spec.enumValues().isEmpty() || spec.enumValues().contains(null))) {
            problems.add(path + "/enum", "must be a non-empty list of strings");
        }
        if (type == FieldType.OBJECT) {
            if (spec.fields() == null) {
                problems.add(path, "an object field needs 'fields'");
            } else {
                spec.fields().forEach((name, field) -> checkField(field, DefinitionPaths.child(path + "/fields", name), true,
                        problems));
            }
        }
        if (type == FieldType.ARRAY) {
            if (spec.items() == null) {
                problems.add(path, "an array field needs 'items', e.g. items: {type: string}");
            } else {
                checkField(spec.items(), path + "/items", false, problems);
            }
        }
    }

    private static void order(Integer low, Integer high, String path, String lowName, String highName, Problems problems) {
        if (low != null && high != null && low > high) {
            problems.add(path + "/" + lowName, "(" + low + ") is greater than " + highName + " (" + high + ")");
        }
    }

    private static Map<String, FieldSpec> fields(Map<String, CatalogFile.FieldFile> declared) {
        if (declared == null) {
            return Map.of();
        }
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        declared.forEach((name, spec) -> fields.put(name, field(name, spec)));
        return Collections.unmodifiableMap(fields);
    }

    private static FieldSpec field(String name, CatalogFile.FieldFile f) {
        FieldType type = FieldType.fromYaml(f.type()).orElseThrow();
        return new FieldSpec(name, type, isTrue(f.required()), f.description(), f.minLength(), f.maxLength(),
                f.pattern() == null ? null : Pattern.compile(f.pattern()),
                f.enumValues() == null ? null : List.copyOf(new LinkedHashSet<>(f.enumValues())), f.min(), f.max(), f.scale(),
                type == FieldType.OBJECT ? fields(f.fields()) : Map.of(), isTrue(f.additionalFields()),
                f.items() == null ? null : field(null, f.items()), f.minItems(), f.maxItems());
    }

    private static boolean isTrue(Boolean b) {
        return b != null && b;
    }

    private static String typeNames() {
        return Arrays.stream(FieldType.values()).map(FieldType::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "CommandCatalog[" + source + ": " + String.join(", ", types.keySet()) + "]";
    }
}
