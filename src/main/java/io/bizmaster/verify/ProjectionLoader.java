package io.bizmaster.verify;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code converters/<converter>/projections.yaml}. See {@code docs/VERIFICATION.md} for the format.
 * The file is read as a node tree so that every error names the line, and so that YAML 1.1's idea of
 * booleans ({@code on}, {@code no}) and nulls never changes what a value means.
 */
public final class ProjectionLoader {

    public static final String FILE_NAME = "projections.yaml";

    private static final Set<String> TOP_KEYS = Set.of("converter", "description", "entities");
    private static final Set<String> ENTITY_KEYS = Set.of("description", "commands", "key", "query", "table", "columns");
    private static final Set<String> RULE_KEYS = Set.of("sql", "type", "scale", "precision", "zone",
            "ignore-trailing-spaces", "empty-is-null", "unicode", "ignore-case");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}(\\.[A-Za-z][A-Za-z0-9_]{0,62})?");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*\\.?");

    /** The projections of the converter whose folder is {@code converterDir}; none when it has no file. */
    public ProjectionSet load(Path converterDir) {
        String converter = converterDir.getFileName().toString();
        Path file = converterDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ProjectionSet.none(converter);
        }
        try {
            return parse(Files.readString(file), file.toString(), converter);
        } catch (IOException e) {
            throw new ProjectionDefinitionException(file + ": cannot be read (" + e + ")", e);
        }
    }

    /** @param expectedConverter the folder's name, which the file's {@code converter} must repeat */
    public ProjectionSet parse(String yaml, String origin, String expectedConverter) {
        return new Reading(origin).read(yaml, expectedConverter);
    }

    /** The state of reading one file, so every error can name it. */
    private static final class Reading {

        private final String origin;

        Reading(String origin) {
            this.origin = origin;
        }

        ProjectionSet read(String yaml, String expectedConverter) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            Node root;
            try {
                root = new Yaml(options).compose(new StringReader(yaml));
            } catch (YAMLException e) {
                throw new ProjectionDefinitionException(origin + ": is not valid YAML: " + e.getMessage(), e);
            }
            if (root == null) {
                throw new ProjectionDefinitionException(origin + ": is empty; expected converter and entities");
            }
            Map<String, Node> top = mapping(root, "the top level", TOP_KEYS);
            String converter = scalar(required(top, root, "converter", "the top level"), "converter");
            if (expectedConverter != null && !converter.equals(expectedConverter)) {
                throw error(top.get("converter"), "converter is '" + converter + "' but the file is in the folder of converter '"
                        + expectedConverter + "'");
            }
            Node entitiesNode = required(top, root, "entities", "the top level");
            Map<String, Node> entities = mapping(entitiesNode, "entities", null);
            if (entities.isEmpty()) {
                throw error(entitiesNode, "entities is empty; declare at least one entity");
            }
            Map<String, Projection> projections = new LinkedHashMap<>();
            entities.forEach((name, node) -> projections.put(name, entity(converter, name, node)));
            return new ProjectionSet(converter, projections);
        }

        private Projection entity(String converter, String name, Node node) {
            String where = "entity " + name;
            if (!Projection.ENTITY.matcher(name).matches()) {
                throw error(node, where + ": the name must match " + Projection.ENTITY.pattern());
            }
            Map<String, Node> fields = mapping(node, where, ENTITY_KEYS);
            String key = scalar(required(fields, node, "key", where), where + " key");
            List<String> commands = commands(required(fields, node, "commands", where), where);
            Node query = fields.get("query");
            Node table = fields.get("table");
            if ((query == null) == (table == null)) {
                throw error(node, where + ": give either query (a SELECT returning the key and the columns) or table "
                        + "(with an SQL expression per column), not " + (query == null ? "neither" : "both"));
            }
            Node columnsNode = required(fields, node, "columns", where);
            Map<String, Node> columnNodes = mapping(columnsNode, where + " columns", null);
            Map<String, Normalisation> columns = new LinkedHashMap<>();
            List<String> selected = new ArrayList<>();
            for (Map.Entry<String, Node> column : columnNodes.entrySet()) {
                String columnWhere = where + " column " + column.getKey();
                if (!Projection.COLUMN.matcher(column.getKey()).matches()) {
                    throw error(column.getValue(), columnWhere + ": the name must match " + Projection.COLUMN.pattern()
                            + " (lower case: engines fold unquoted names differently)");
                }
                String[] sql = new String[1];
                Normalisation rules = rules(column.getValue(), columnWhere, sql);
                if (column.getKey().equals(key) && !rules.equals(Normalisation.STRICT)) {
                    throw error(column.getValue(), columnWhere + ": the key is compared exactly; it takes no rules, only sql");
                }
                if (table != null) {
                    if (sql[0] == null) {
                        throw error(column.getValue(), columnWhere + ": with table, each column needs its SQL expression, "
                                + "e.g. " + column.getKey() + ": " + column.getKey().toUpperCase(Locale.ROOT)
                                + " or {sql: ..., type: ...}");
                    }
                    selected.add(sql[0] + " AS " + column.getKey());
                } else if (sql[0] != null) {
                    throw error(column.getValue(), columnWhere + ": sql is for projections declared with table; with query, "
                            + "the query's own result column " + column.getKey() + " is compared");
                }
                columns.put(column.getKey(), rules);
            }
            String sql;
            if (table != null) {
                String tableName = scalar(table, where + " table");
                if (!TABLE.matcher(tableName).matches()) {
                    throw error(table, where + ": table '" + tableName + "' must be a plain (schema.)name");
                }
                if (!columnNodes.containsKey(key)) {
                    throw error(columnsNode, where + ": with table, the key column " + key + " must be among the columns");
                }
                sql = "SELECT " + String.join(", ", selected) + " FROM " + tableName;
            } else {
                sql = scalar(query, where + " query").strip();
                if (sql.endsWith(";")) {
                    throw error(query, where + ": the query must not end with ';' (it is used as a subquery)");
                }
            }
            if (columns.keySet().stream().noneMatch(c -> !c.equals(key))) {
                throw error(columnsNode, where + ": declares no column besides the key; there would be nothing to compare");
            }
            try {
                return new Projection(converter, name, key, sql, columns, commands);
            } catch (IllegalArgumentException e) {
                throw error(node, e.getMessage());
            }
        }

        private List<String> commands(Node node, String where) {
            List<String> commands = new ArrayList<>();
            if (node instanceof ScalarNode) {
                commands.add(scalar(node, where + " commands"));
            } else if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    commands.add(scalar(item, where + " commands"));
                }
            } else {
                throw error(node, where + ": commands must be a list of command types or prefixes such as [customer.]");
            }
            for (String command : commands) {
                if (!COMMAND.matcher(command).matches()) {
                    throw error(node, where + ": '" + command + "' is neither a command type (customer.renamed) nor a "
                            + "prefix ending in '.' (customer.)");
                }
            }
            if (commands.isEmpty()) {
                throw error(node, where + ": commands is empty; name the command types whose key is this entity's key");
            }
            return commands;
        }

        private Normalisation rules(Node node, String where, String[] sql) {
            if (node instanceof ScalarNode scalar) {
                String text = scalar.getValue();
                if (!text.isEmpty() && !"~".equals(text) && !"null".equals(text)) {
                    sql[0] = text;
                }
                return Normalisation.STRICT;
            }
            Map<String, Node> rules = mapping(node, where, RULE_KEYS);
            Normalisation n = Normalisation.STRICT;
            for (Map.Entry<String, Node> rule : rules.entrySet()) {
                String value = scalar(rule.getValue(), where + " " + rule.getKey());
                try {
                    n = switch (rule.getKey()) {
                        case "sql" -> {
                            sql[0] = value;
                            yield n;
                        }
                        case "type" -> n.withType(ValueType.parse(value));
                        case "scale" -> n.withScale(Integer.parseInt(value));
                        case "precision" -> n.withPrecision(precision(value));
                        case "zone" -> n.withZone(ZoneId.of(value));
                        case "ignore-trailing-spaces" -> n.withIgnoreTrailingSpaces(flag(value));
                        case "empty-is-null" -> n.withEmptyIsNull(flag(value));
                        case "unicode" -> n.withUnicode(Normalizer.Form.valueOf(value.toUpperCase(Locale.ROOT)));
                        case "ignore-case" -> n.withIgnoreCase(flag(value));
                        default -> throw new IllegalStateException(rule.getKey());
                    };
                } catch (NumberFormatException e) {
                    throw error(rule.getValue(), where + ": " + rule.getKey() + " must be a whole number, got '" + value + "'");
                } catch (DateTimeException e) {
                    throw error(rule.getValue(), where + ": zone '" + value + "' is not a time zone (e.g. UTC, Europe/Paris, +01:00)");
                } catch (IllegalArgumentException e) {
                    String message = rule.getKey().equals("unicode") && e.getMessage().startsWith("No enum")
                            ? "unicode must be NFC, NFD, NFKC or NFKD, got '" + value + "'" : e.getMessage();
                    throw error(rule.getValue(), where + ": " + message);
                }
            }
            if (n.scale() != null && n.type() != ValueType.DECIMAL && n.type() != ValueType.AUTO) {
                throw error(node, where + ": scale applies to decimals, not to type " + n.type());
            }
            if ((n.precision() != null || !n.zone().equals(Normalisation.STRICT.zone()))
                    && n.type() != ValueType.TIMESTAMP && n.type() != ValueType.AUTO) {
                throw error(node, where + ": precision and zone apply to timestamps, not to type " + n.type());
            }
            return n;
        }

        private static ChronoUnit precision(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "seconds", "second", "s" -> ChronoUnit.SECONDS;
                case "millis", "milliseconds", "ms" -> ChronoUnit.MILLIS;
                case "micros", "microseconds", "us" -> ChronoUnit.MICROS;
                default -> throw new IllegalArgumentException("precision must be seconds, millis or micros, got '" + value + "'");
            };
        }

        private static boolean flag(String value) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
            };
        }

        private Map<String, Node> mapping(Node node, String where, Set<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, where + " must be a mapping");
            }
            Map<String, Node> result = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode(), where + " key");
                if (allowed != null && !allowed.contains(key)) {
                    throw error(tuple.getKeyNode(), where + ": unknown field '" + key + "'; allowed: " + allowed.stream().sorted().toList());
                }
                if (result.put(key, tuple.getValueNode()) != null) {
                    throw error(tuple.getKeyNode(), where + ": '" + key + "' is given twice");
                }
            }
            return result;
        }

        private Node required(Map<String, Node> fields, Node parent, String name, String where) {
            Node node = fields.get(name);
            if (node == null) {
                throw error(parent, where + ": '" + name + "' is missing");
            }
            return node;
        }

        private String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode scalar)) {
                throw error(node, what + " must be a single value");
            }
            return scalar.getValue();
        }

        private ProjectionDefinitionException error(Node node, String message) {
            int line = node == null ? 0 : node.getStartMark().getLine() + 1;
            return new ProjectionDefinitionException(origin + (line > 0 ? " line " + line : "") + ": " + message);
        }
    }
}
