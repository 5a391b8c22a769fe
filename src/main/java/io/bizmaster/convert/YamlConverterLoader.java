package io.bizmaster.convert;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.DefinitionPaths;
import io.bizmaster.definition.Problem;
import io.bizmaster.definition.Problems;
import io.bizmaster.store.ConverterRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one converter file into a {@link YamlConverter}, checking everything that can be checked without a database,
 * and reporting every problem of the file at once, each with its line and path. See {@code converters/README.md}
 * for the format.
 *
 * <p>A single-quoted value ({@code STATUS: 'PLACED'}) is text, as the quotes suggest; any other scalar is an
 * expression. YAML 1.2: {@code on}, {@code yes} and {@code no} are words, never booleans.
 */
public final class YamlConverterLoader {

    static final Pattern FILE_NAME = Pattern.compile("v([1-9][0-9]*)\\.yaml");
    private static final String OPERATION_EXAMPLE = "an operation such as {upsert: TABLE, key: {ID: key}, set: {NAME: payload.name}}";
    private static final String VALUE_EXAMPLE = "an expression such as payload.name, concat(...), 'quoted text', a number, or {const: ...}";

    private final DefinitionLoader loader;

    public YamlConverterLoader(DefinitionLoader loader) {
        this.loader = loader;
    }

    public YamlConverterLoader() {
        this(new DefinitionLoader());
    }

    /** @throws DefinitionException with every problem of the file */
    public YamlConverter load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DefinitionException(file.toString(), List.of(new Problem("", 0, "cannot be read (" + e + ")")));
        }
        Map<String, List<Operation>> operations = new LinkedHashMap<>();
        ConverterFile read = loader.load(text, file.toString(), ConverterFile.class,
                (f, problems) -> check(file, f, problems, operations));
        return new YamlConverter(new ConverterRef(read.converter(), read.version()),
                read.description() == null ? "" : read.description(), file, operations);
    }

    private static void check(Path file, ConverterFile f, Problems problems, Map<String, List<Operation>> operations) {
        if (f.converter() != null && f.version() != null) {
            try {
                checkAgainstPath(file, new ConverterRef(f.converter(), f.version()), problems);
            } catch (IllegalArgumentException e) {
                problems.add("/converter", e.getMessage());
            }
        }
        if (f.on() == null) {
            return;
        }
        f.on().forEach((type, list) -> {
            String typePath = DefinitionPaths.child("/on", type);
            if (list == null || list.isEmpty()) {
                problems.add(typePath, "expected a list of operations, each starting with '- ', e.g. - " + OPERATION_EXAMPLE);
                return;
            }
            List<Operation> parsed = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Operation op = operation(type, i, list.get(i), DefinitionPaths.child(typePath, String.valueOf(i)), problems);
                if (op != null) {
                    parsed.add(op);
                }
            }
            operations.put(type, List.copyOf(parsed));
        });
    }

    private static void checkAgainstPath(Path file, ConverterRef ref, Problems problems) {
        Matcher m = FILE_NAME.matcher(String.valueOf(file.getFileName()));
        if (!m.matches()) {
            return;
        }
        if (Integer.parseInt(m.group(1)) != ref.version()) {
            problems.add("/version", "the file says version " + ref.version() + " but is named " + file.getFileName()
                    + "; expected version: " + m.group(1) + " (each version is a file of its own)");
        }
        Path dir = file.toAbsolutePath().getParent();
        String dirName = dir == null || dir.getFileName() == null ? null : dir.getFileName().toString();
        if (dirName != null && !dirName.equals(ref.name())) {
            problems.add("/converter", "the file says converter " + ref.name() + " but is in folder " + dirName
                    + "; expected converter: " + dirName);
        }
    }

    private static Operation operation(String type, int index, ConverterFile.OperationFile op, String path, Problems problems) {
        if (op == null) {
            problems.add(path, "expected " + OPERATION_EXAMPLE);
            return null;
        }
        Map<OperationKind, String> actions = new LinkedHashMap<>();
        put(actions, OperationKind.INSERT, op.insert());
        put(actions, OperationKind.UPSERT, op.upsert());
        put(actions, OperationKind.UPDATE, op.update());
        put(actions, OperationKind.INCREMENT, op.increment());
        put(actions, OperationKind.DELETE, op.delete());
        if (actions.size() != 1) {
            problems.add(path, (actions.isEmpty() ? "says nothing to do" : "has several actions "
                    + actions.keySet().stream().map(OperationKind::word).toList())
                    + "; expected exactly one of insert, upsert, update, increment, delete, as in " + OPERATION_EXAMPLE);
            return null;
        }
        OperationKind kind = actions.keySet().iterator().next();
        String table = actions.get(kind);
        try {
            SqlIdentifiers.check(table, "table");
        } catch (IllegalArgumentException e) {
            problems.add(path + "/" + kind.word(), e.getMessage());
            return null;
        }
        Set<String> required = switch (kind) {
            case INSERT -> Set.of("set");
            case UPSERT, DELETE -> Set.of("key");
            case UPDATE -> Set.of("key", "set");
            case INCREMENT -> Set.of("key", "add");
        };
        Set<String> allowed = switch (kind) {
            case INSERT, UPSERT, UPDATE -> Set.of("key", "set");
            case INCREMENT -> Set.of("key", "set", "add");
            case DELETE -> Set.of("key");
        };
        Map<String, Map<String, JsonNode>> parts = new LinkedHashMap<>();
        parts.put("key", op.key());
        parts.put("set", op.set());
        parts.put("add", op.add());
        boolean fine = true;
        for (Map.Entry<String, Map<String, JsonNode>> part : parts.entrySet()) {
            if (part.getValue() != null && !allowed.contains(part.getKey())) {
                problems.add(path + "/" + part.getKey(), kind.word() + " does not take '" + part.getKey() + "'; it takes "
                        + new TreeSet<>(allowed) + (kind == OperationKind.INSERT ? " (the row's columns go in key and set)" : ""));
                fine = false;
            } else if (required.contains(part.getKey()) && (part.getValue() == null || part.getValue().isEmpty())) {
                problems.add(path, kind.word() + " needs at least one column in '" + part.getKey() + "': a mapping of column to value");
                fine = false;
            }
        }
        Map<String, String> seen = new LinkedHashMap<>();
        List<ColumnValue> key = columns(op.key(), path + "/key", seen, problems);
        List<ColumnValue> set = columns(op.set(), path + "/set", seen, problems);
        List<ColumnValue> add = columns(op.add(), path + "/add", seen, problems);
        if (!fine || key == null || set == null || add == null) {
            return null;
        }
        return new Operation("on." + type + "[" + index + "]", kind, table, key, set, add);
    }

    private static void put(Map<OperationKind, String> actions, OperationKind kind, String table) {
        if (table != null) {
            actions.put(kind, table);
        }
    }

    /** The columns of one part, in the file's order; null when one of them has a problem (recorded). */
    private static List<ColumnValue> columns(Map<String, JsonNode> declared, String path, Map<String, String> seen,
                                             Problems problems) {
        if (declared == null) {
            return List.of();
        }
        List<ColumnValue> columns = new ArrayList<>();
        boolean fine = true;
        for (Map.Entry<String, JsonNode> column : declared.entrySet()) {
            String at = DefinitionPaths.child(path, column.getKey());
            try {
                SqlIdentifiers.check(column.getKey(), "column");
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
                fine = false;
                continue;
            }
            String previous = seen.put(column.getKey().toUpperCase(Locale.ROOT), at);
            if (previous != null) {
                problems.add(at, "the column appears twice in this operation (also at " + DefinitionPaths.display(previous)
                        + "); expected each column once across key, set and add");
                fine = false;
                continue;
            }
            ColumnValue value = value(column.getKey(), column.getValue(), at, problems);
            if (value == null) {
                fine = false;
            } else {
                columns.add(value);
            }
        }
        return fine ? columns : null;
    }

    private static ColumnValue value(String column, JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            return parsed(column, "", path, problems);
        }
        if (node.isValueNode()) {
            String text = node.asString();
            if (node.isString() && problems.singleQuoted(path)) {
                return new ColumnValue(column, new Expression.Literal(text), quote(text));
            }
            return parsed(column, text, path, problems);
        }
        if (node.isObject() && node.size() == 1 && node.has("const") && node.get("const").isValueNode()) {
            Object literal = constant(node.get("const"));
            return new ColumnValue(column, new Expression.Literal(literal), "{const: " + literal + "}");
        }
        problems.add(path, "expected " + VALUE_EXAMPLE + " (a constant must be a single value)");
        return null;
    }

    private static ColumnValue parsed(String column, String text, String path, Problems problems) {
        try {
            return new ColumnValue(column, ExpressionParser.parse(text), text);
        } catch (ExpressionParser.SyntaxError e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    private static Object constant(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : new BigDecimal(value.bigIntegerValue());
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
