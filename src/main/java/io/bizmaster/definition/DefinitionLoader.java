package io.bizmaster.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads every definition an operator writes (the command catalogue, converters, projections, migrations): YAML
 * read into records by Jackson, checked with Jakarta Bean Validation, then by the definition's own cross-field
 * rules; every problem of a file is reported at once, each with the file, its line and its path.
 *
 * <p>YAML 1.2's core schema (SnakeYAML Engine): {@code on}, {@code no} and {@code yes} are strings, not booleans.
 * A value of the wrong type, an unknown key or a number out of range is a problem like any other: the offending
 * node is set aside and the rest of the file is read on, so one typo does not hide the next.
 */
public final class DefinitionLoader {

    /** Beyond this many problems of one file the rest are not looked for: the file needs a closer look anyway. */
    private static final int MAX_PROBLEMS = 50;

    private final YamlReader yaml;
    private final YAMLMapper mapper;
    private final Validator validator;

    public DefinitionLoader() {
        this.yaml = new YamlReader();
        this.mapper = yaml.mapper();
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class).configure()
                .propertyNodeNameProvider(DefinitionLoader::keyOf)
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /**
     * @param origin what the problems name: a file's path, or "the migration definition" for a posted text
     * @param rules  the definition's own rules across fields, run once the file is read (also when some field is
     *               wrong, so they must allow for a null where a field was missing or set aside)
     * @throws DefinitionException with every problem of the text
     */
    public <T> T load(String text, String origin, Class<T> type, BiConsumer<T, Problems> rules) {
        SourceMap source = yaml.sourceMap(text, origin);
        Problems problems = new Problems(origin, source);
        JsonNode tree = yaml.readTree(text, problems);
        if (tree == null) {
            problems.throwIfAny();
            throw new DefinitionException(origin, List.of(new Problem("", 0, "is empty")));
        }
        T value = bind(tree, type, problems);
        if (value != null) {
            for (ConstraintViolation<T> violation : validator.validate(value)) {
                String path = pointer(violation.getPropertyPath());
                if (!problems.hasAt(path)) {
                    problems.add(path, violation.getMessage());
                }
            }
            // The rules run on a file with field problems too, so that every problem is said at once; they must
            // therefore allow for null fields.
            rules.accept(value, problems);
        }
        problems.throwIfAny();
        return value;
    }

    public <T> T load(String text, String origin, Class<T> type) {
        return load(text, origin, type, (value, problems) -> { });
    }

    /** Binds, setting aside each node that cannot be bound (recorded as a problem) and binding the rest again. */
    private <T> T bind(JsonNode tree, Class<T> type, Problems problems) {
        JsonNode working = tree.deepCopy();
        for (int attempt = 0; attempt < MAX_PROBLEMS; attempt++) {
            try {
                return mapper.treeToValue(working, type);
            } catch (JacksonException e) {
                String path = pointer(e.getPath());
                problems.add(path, describe(e, path.isEmpty() ? working : working.at(path)));
                if (path.isEmpty() || !remove(working, path)) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String describe(JacksonException e, JsonNode given) {
        String got = given == null || given.isMissingNode() ? "" : ", got " + shown(given);
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return "unknown key '" + u.getPropertyName() + "'" + (known == null || known.isEmpty() ? ""
                    : "; expected one of " + known.stream().map(String::valueOf).sorted().toList());
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + kind(f.getTargetType()) + got;
        }
        if (e instanceof InputCoercionException c) {
            return "expected " + kind(c.getTargetType()) + " within its range" + got;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType()) + got;
        }
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("`", "'");
    }

    /** A value as a problem quotes it: short, and a structure by its kind only. */
    private static String shown(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.isString() ? "'" + node.stringValue() + "'" : node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** What a Java type is called in a definition. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping (key: value)";
    }

    /** Takes the node at {@code path} out of the tree; false if there is none. */
    private static boolean remove(JsonNode tree, String path) {
        int slash = path.lastIndexOf('/');
        String parentPath = path.substring(0, slash);
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        JsonNode parent = parentPath.isEmpty() ? tree : tree.at(parentPath);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
            return true;
        }
        if (parent instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.remove(Integer.parseInt(last));
            return true;
        }
        return false;
    }

    private static String pointer(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            String segment = ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex());
            out.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    private static String pointer(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (at != null) {
                    out.append('/').append(String.valueOf(at).replace("~", "~0").replace("/", "~1"));
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<") && node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                out.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
        }
        return out.toString();
    }

    /** A record component's key in the file: its @JsonProperty, else its record's naming strategy. */
    private static String keyOf(Property property) {
        String name = property.getName();
        if (!(property instanceof JavaBeanProperty bean)) {
            return name;
        }
        Class<?> type = bean.getDeclaringClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty json = component.getAnnotation(JsonProperty.class);
                if (component.getName().equals(name) && json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            }
        }
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        if (naming != null && naming.value() == PropertyNamingStrategies.KebabCaseStrategy.class) {
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
        return name;
    }
}
