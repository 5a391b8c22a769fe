package io.bizmaster.convert;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one converter file into a {@link YamlConverter}, checking everything that can be checked
 * without a database. See {@code converters/README.md} for the format.
 *
 * <p>The file is read as a node tree (SnakeYAML's compose) rather than as maps, for three reasons:
 * errors can give line numbers; a single-quoted YAML scalar ({@code STATUS: 'PLACED'}) can be told
 * apart from a plain one and taken as text, as the quotes suggest; and YAML 1.1's idea that
 * {@code on}, {@code yes} or {@code no} are booleans never gets a say.
 */
public final class YamlConverterLoader {

    static final Pattern FILE_NAME = Pattern.compile("v([1-9][0-9]*)\\.yaml");
    private static final Set<String> TOP_KEYS = Set.of("converter", "version", "description", "on");
    private static final Set<String> OPERATION_KEYS = Set.of("insert", "upsert", "update", "increment", "delete", "key", "set", "add");
    private static final String OPERATION_EXAMPLE = "an operation such as {upsert: TABLE, key: {ID: key}, set: {NAME: payload.name}}";
    private static final String VALUE_EXAMPLE = "an expression such as payload.name, concat(...), 'quoted text', a number, or {const: ...}";
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");

    public YamlConverter load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConverterDefinitionException(file + ": cannot be read (" + e + ")", e);
        }
        return new Reading(file).read(text);
    }

    /** The state of reading one file; it mostly exists so every error can name the file. */
    private static final class Reading {

        private final Path file;

        Reading(Path file) {
            this.file = file;
        }

        YamlConverter read(String text) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            Node root;
            try {
                root = new Yaml(options).compose(new StringReader(text));
            } catch (YAMLException e) {
                throw new ConverterDefinitionException(file + ": is not valid YAML: " + e.getMessage(), e);
            }
            if (root == null) {
                throw new ConverterDefinitionException(file + ": is empty; expected converter, version, description and on");
            }
            Map<String, Node> top = mapping(root, "the top level", TOP_KEYS);
            String name = requiredText(top, root, "converter");
            Node versionNode = required(top, root, "version");
            String versionText = text(versionNode, "version");
            if (!INTEGER.matcher(versionText).matches()) {
                throw fail(versionNode, "version", "'" + versionText + "' is not a whole number; expected e.g. version: 1");
            }
            ConverterRef ref;
            try {
                ref = new ConverterRef(name, Integer.parseInt(versionText));
            } catch (IllegalArgumentException e) {
                throw fail(root, "converter/version", e.getMessage());
            }
            checkAgainstPath(ref, root);
            String description = top.containsKey("description") ? text(top.get("description"), "description") : "";
            Node on = required(top, root, "on");
            Map<String, List<Operation>> operations = new LinkedHashMap<>();
            mapping(on, "on", null).forEach((type, list) -> operations.put(type, operations(type, list)));
            return new YamlConverter(ref, description, file, operations);
        }

        private void checkAgainstPath(ConverterRef ref, Node root) {
            Matcher m = FILE_NAME.matcher(String.valueOf(file.getFileName()));
            if (!m.matches()) {
                return;
            }
            if (Integer.parseInt(m.group(1)) != ref.version()) {
                throw fail(root, "version", "the file says version " + ref.version() + " but is named " + file.getFileName()
                        + "; expected version: " + m.group(1) + " (each version is a file of its own)");
            }
            Path dir = file.toAbsolutePath().getParent();
            String dirName = dir == null || dir.getFileName() == null ? null : dir.getFileName().toString();
            if (dirName != null && !dirName.equals(ref.name())) {
                throw fail(root, "converter", "the file says converter " + ref.name() + " but is in folder " + dirName
                        + "; expected converter: " + dirName);
            }
        }

        private List<Operation> operations(String type, Node node) {
            String where = "command type " + type;
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                throw fail(node, where, "expected a list of operations, each starting with '- ', e.g. - " + OPERATION_EXAMPLE);
            }
            List<Operation> list = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                list.add(operation(type, i, sequence.getValue().get(i)));
            }
            return List.copyOf(list);
        }

        private Operation operation(String type, int index, Node node) {
            String place = "on." + type + "[" + index + "]";
            String where = "command type " + type + ", operation [" + index + "]";
            Map<String, Node> fields = mapping(node, where, OPERATION_KEYS);
            List<OperationKind> kinds = fields.keySet().stream().flatMap(k -> OperationKind.ofWord(k).stream()).toList();
            if (kinds.size() != 1) {
                throw fail(node, where, (kinds.isEmpty() ? "says nothing to do" : "has several actions " + kinds)
                        + "; expected exactly one of insert, upsert, update, increment, delete, as in " + OPERATION_EXAMPLE);
            }
            OperationKind kind = kinds.get(0);
            Node tableNode = fields.get(kind.word());
            String table = text(tableNode, where);
            try {
                SqlIdentifiers.check(table, "table");
            } catch (IllegalArgumentException e) {
                throw fail(tableNode, where + " (" + kind.word() + ")", e.getMessage());
            }
            where = where + " (" + kind.word() + " " + table + ")";
            Set<String> required = switch (kind) {
                case INSERT -> Set.of("set");
                case UPSERT, DELETE -> Set.of("key");
                case UPDATE -> Set.of("key", "set");
                case INCREMENT -> Set.of("key", "add");
            };
            Set<String> allowed = switch (kind) {
                case INSERT -> Set.of("key", "set");
                case UPSERT, UPDATE -> Set.of("key", "set");
                case INCREMENT -> Set.of("key", "set", "add");
                case DELETE -> Set.of("key");
            };
            for (String part : List.of("key", "set", "add")) {
                if (fields.containsKey(part) && !allowed.contains(part)) {
                    throw fail(fields.get(part), where, kind.word() + " does not take '" + part + "'; it takes " + allowed
                            + (kind == OperationKind.INSERT ? " (the row's columns go in key and set)" : ""));
                }
                if (!fields.containsKey(part) && required.contains(part)) {
                    throw fail(node, where, kind.word() + " needs '" + part + "': a mapping of column to value");
                }
            }
            Map<String, Node> seen = new LinkedHashMap<>();
            List<ColumnValue> key = columns(fields.get("key"), where, "key", seen);
            List<ColumnValue> set = columns(fields.get("set"), where, "set", seen);
            List<ColumnValue> add = columns(fields.get("add"), where, "add", seen);
            if (required.contains("set") && set.isEmpty() || required.contains("add") && add.isEmpty() || required.contains("key") && key.isEmpty()) {
                throw fail(node, where, kind.word() + " needs at least one column in " + required);
            }
            return new Operation(place, kind, table, key, set, add);
        }

        private List<ColumnValue> columns(Node node, String where, String part, Map<String, Node> seen) {
            if (node == null) {
                return List.of();
            }
            List<ColumnValue> columns = new ArrayList<>();
            mapping(node, where + ", " + part, null).forEach((column, valueNode) -> {
                String at = where + ", " + part + " column " + column;
                try {
                    SqlIdentifiers.check(column, "column");
                } catch (IllegalArgumentException e) {
                    throw fail(valueNode, at, e.getMessage());
                }
                if (seen.containsKey(column.toUpperCase(Locale.ROOT))) {
                    throw fail(valueNode, at, "the column appears twice in this operation; expected each column once across key, set and add");
                }
                seen.put(column.toUpperCase(Locale.ROOT), valueNode);
                columns.add(value(column, valueNode, at));
            });
            return columns;
        }

        private ColumnValue value(String column, Node node, String where) {
            if (node instanceof ScalarNode scalar) {
                if (scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) {
                    return new ColumnValue(column, new Expression.Literal(scalar.getValue()), quote(scalar.getValue()));
                }
                try {
                    return new ColumnValue(column, ExpressionParser.parse(scalar.getValue()), scalar.getValue());
                } catch (ExpressionParser.SyntaxError e) {
                    throw fail(node, where, e.getMessage());
                }
            }
            if (node instanceof MappingNode) {
                Map<String, Node> constant = mapping(node, where, Set.of("const"));
                if (constant.get("const") instanceof ScalarNode scalar) {
                    Object literal = constant(scalar);
                    return new ColumnValue(column, new Expression.Literal(literal), "{const: " + literal + "}");
                }
            }
            throw fail(node, where, "expected " + VALUE_EXAMPLE + " (a constant must be a single value)");
        }

        private static Object constant(ScalarNode scalar) {
            String s = scalar.getValue();
            if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
                return s;
            }
            if (s.isEmpty() || s.equals("~") || s.equalsIgnoreCase("null")) {
                return null;
            }
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.valueOf(s);
            }
            if (INTEGER.matcher(s).matches()) {
                BigDecimal d = new BigDecimal(s);
                return d.toBigInteger().bitLength() < 64 ? (Object) d.longValueExact() : d;
            }
            return DECIMAL.matcher(s).matches() ? new BigDecimal(s) : s;
        }

        private static String quote(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        /** A mapping's entries by key, refusing duplicate and (when {@code allowed} is given) unknown keys. */
        private Map<String, Node> mapping(Node node, String where, Set<String> allowed) {
            if (!(node instanceof MappingNode map)) {
                throw fail(node, where, "expected a mapping (key: value lines or {key: value})"
                        + (allowed == null ? "" : " with keys among " + allowed));
            }
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                String key = text(tuple.getKeyNode(), where);
                if (allowed != null && !allowed.contains(key)) {
                    throw fail(tuple.getKeyNode(), where, "unknown key '" + key + "'; expected one of " + allowed);
                }
                if (entries.put(key, tuple.getValueNode()) != null) {
                    throw fail(tuple.getKeyNode(), where, "'" + key + "' is given twice; expected it once");
                }
            }
            return entries;
        }

        private Node required(Map<String, Node> fields, Node parent, String key) {
            Node node = fields.get(key);
            if (node == null) {
                throw fail(parent, "the top level", "'" + key + "' is missing");
            }
            return node;
        }

        private String requiredText(Map<String, Node> fields, Node parent, String key) {
            return text(required(fields, parent, key), key);
        }

        private String text(Node node, String where) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            throw fail(node, where, "expected a single value here, not a list or a mapping");
        }

        private ConverterDefinitionException fail(Node node, String where, String message) {
            String line = node == null ? "" : ", line " + (node.getStartMark().getLine() + 1);
            return new ConverterDefinitionException(file + line + ", " + where + ": " + message);
        }
    }
}
