package io.bizmaster.verify;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.DefinitionPaths;
import io.bizmaster.definition.Problem;
import io.bizmaster.definition.Problems;
import java.io.IOException;
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
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code converters/<converter>/projections.yaml}. See {@code docs/VERIFICATION.md} for the format. Every
 * problem of a file is reported at once, each with its line and path.
 */
public final class ProjectionLoader {

    public static final String FILE_NAME = "projections.yaml";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}(\\.[A-Za-z][A-Za-z0-9_]{0,62})?");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*\\.?");

    private final DefinitionLoader loader;

    public ProjectionLoader(DefinitionLoader loader) {
        this.loader = loader;
    }

    public ProjectionLoader() {
        this(new DefinitionLoader());
    }

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
            throw new DefinitionException(file.toString(), List.of(new Problem("", 0, "cannot be read (" + e + ")")));
        }
    }

    /**
     * @param expectedConverter the folder's name, which the file's {@code converter} must repeat
     * @throws DefinitionException with every problem of the text
     */
    public ProjectionSet parse(String yaml, String origin, String expectedConverter) {
        Map<String, Projection> projections = new LinkedHashMap<>();
        ProjectionsFile file = loader.load(yaml, origin, ProjectionsFile.class, (f, problems) -> {
            if (f.converter() != null && expectedConverter != null && !f.converter().equals(expectedConverter)) {
                problems.add("/converter", "is '" + f.converter() + "' but the file is in the folder of converter '"
                        + expectedConverter + "'");
            }
            if (f.entities() != null) {
                f.entities().forEach((name, entity) -> {
                    Projection p = entity == null ? null
                            : entity(f.converter(), name, entity, DefinitionPaths.child("/entities", name), problems);
                    if (p != null) {
                        projections.put(name, p);
                    }
                });
            }
        });
        return new ProjectionSet(file.converter(), projections);
    }

    private static Projection entity(String converter, String name, ProjectionsFile.EntityFile e, String path,
                                     Problems problems) {
        int before = problems.count();
        List<String> commands = commands(e.commands(), path + "/commands", problems);
        int sources = (e.query() == null ? 0 : 1) + (e.table() == null ? 0 : 1) + (e.record() == null ? 0 : 1);
        if (sources != 1) {
            problems.add(path, "give one of query (a SELECT returning the key and the columns), table (with an SQL "
                    + "expression per column) or record (a record store's entity, with a field per column), not "
                    + (sources == 0 ? "none" : "several"));
        }
        Map<String, Normalisation> columns = new LinkedHashMap<>();
        List<String> selected = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        if (e.columns() != null) {
            e.columns().forEach((column, spec) -> {
                String at = DefinitionPaths.child(path + "/columns", column);
                ProjectionsFile.ColumnFile c = spec == null ? ProjectionsFile.ColumnFile.NONE : spec;
                Normalisation rules = rules(c, at, problems);
                if (rules == null) {
                    return;
                }
                if (column.equals(e.key()) && !rules.equals(Normalisation.STRICT)) {
                    problems.add(at, "the key is compared exactly; it takes no rules, only sql");
                }
                if ((c.field() != null || c.absent() != null) && e.record() == null) {
                    problems.add(at, "field and default are for projections of a record store (record: ENTITY); a "
                            + "relational projection gives sql");
                }
                if (e.record() != null) {
                    if (c.sql() != null) {
                        problems.add(at, "with record, a column names its field (field: NAME, the column's own name "
                                + "when left out), not sql");
                    }
                    fields.put(column, c.field() == null ? column : c.field());
                    if (c.absent() != null) {
                        defaults.put(column, c.absent());
                    }
                } else if (e.table() != null) {
                    if (c.sql() == null) {
                        problems.add(at, "with table, each column needs its SQL expression, e.g. " + column + ": "
                                + column.toUpperCase(Locale.ROOT) + " or {sql: ..., type: ...}");
                    }
                    selected.add(c.sql() + " AS " + column);
                } else if (c.sql() != null && e.query() != null) {
                    problems.add(at, "sql is for projections declared with table; with query, the query's own result "
                            + "column " + column + " is compared");
                }
                columns.put(column, rules);
            });
        }
        Projection.Source source = null;
        if (e.record() != null) {
            if (e.columns() != null && e.key() != null && e.columns().containsKey(e.key())) {
                problems.add(DefinitionPaths.child(path + "/columns", e.key()), "with record, the key is the record's "
                        + "own key; leave it out of the columns");
            }
            source = new Projection.Records(e.record(), fields, defaults);
        } else if (e.table() != null) {
            if (!TABLE.matcher(e.table()).matches()) {
                problems.add(path + "/table", "'" + e.table() + "' must be a plain (schema.)name");
            }
            if (e.columns() != null && e.key() != null && !e.columns().containsKey(e.key())) {
                problems.add(path + "/columns", "with table, the key column " + e.key() + " must be among the columns");
            }
            source = new Projection.Query("SELECT " + String.join(", ", selected) + " FROM " + e.table());
        } else if (e.query() != null) {
            String sql = e.query().strip();
            if (sql.endsWith(";")) {
                problems.add(path + "/query", "must not end with ';' (it is used as a subquery)");
            } else if (sql.isEmpty()) {
                problems.add(path + "/query", "is empty; give a SELECT returning the key and the columns");
            } else {
                source = new Projection.Query(sql);
            }
        }
        if (e.columns() != null && e.key() != null && columns.keySet().stream().noneMatch(c -> !c.equals(e.key()))) {
            problems.add(path + "/columns", "declares no column besides the key; there would be nothing to compare");
        }
        if (problems.count() > before || commands == null || source == null || e.key() == null) {
            return null;
        }
        try {
            return new Projection(converter, name, e.key(), source, columns, commands);
        } catch (IllegalArgumentException ex) {
            problems.add(path, ex.getMessage());
            return null;
        }
    }

    private static List<String> commands(JsonNode node, String path, Problems problems) {
        if (node == null) {
            return null;
        }
        List<String> commands = new ArrayList<>();
        if (node.isString()) {
            commands.add(node.stringValue());
        } else if (node.isArray()) {
            node.forEach(item -> commands.add(item.isString() ? item.stringValue() : item.toString()));
        } else {
            problems.add(path, "must be a list of command types or prefixes such as [customer.]");
            return null;
        }
        if (commands.isEmpty()) {
            problems.add(path, "is empty; name the command types whose key is this entity's key");
            return null;
        }
        for (String command : commands) {
            if (!COMMAND.matcher(command).matches()) {
                problems.add(path, "'" + command + "' is neither a command type (customer.renamed) nor a prefix ending in '.' "
                        + "(customer.)");
                return null;
            }
        }
        return commands;
    }

    private static Normalisation rules(ProjectionsFile.ColumnFile c, String path, Problems problems) {
        Normalisation n = Normalisation.STRICT;
        try {
            if (c.type() != null) {
                n = n.withType(ValueType.parse(c.type()));
            }
            if (c.scale() != null) {
                n = n.withScale(c.scale());
            }
            if (c.precision() != null) {
                n = n.withPrecision(precision(c.precision()));
            }
            if (c.zone() != null) {
                try {
                    n = n.withZone(ZoneId.of(c.zone()));
                } catch (DateTimeException e) {
                    problems.add(path + "/zone", "'" + c.zone() + "' is not a time zone (e.g. UTC, Europe/Paris, +01:00)");
                    return null;
                }
            }
            if (c.ignoreTrailingSpaces() != null) {
                n = n.withIgnoreTrailingSpaces(c.ignoreTrailingSpaces());
            }
            if (c.emptyIsNull() != null) {
                n = n.withEmptyIsNull(c.emptyIsNull());
            }
            if (c.unicode() != null) {
                try {
                    n = n.withUnicode(Normalizer.Form.valueOf(c.unicode().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add(path + "/unicode", "must be NFC, NFD, NFKC or NFKD, got '" + c.unicode() + "'");
                    return null;
                }
            }
            if (c.ignoreCase() != null) {
                n = n.withIgnoreCase(c.ignoreCase());
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
        if (n.scale() != null && n.type() != ValueType.DECIMAL && n.type() != ValueType.AUTO) {
            problems.add(path, "scale applies to decimals, not to type " + n.type());
            return null;
        }
        if ((n.precision() != null || !n.zone().equals(Normalisation.STRICT.zone()))
                && n.type() != ValueType.TIMESTAMP && n.type() != ValueType.AUTO) {
            problems.add(path, "precision and zone apply to timestamps, not to type " + n.type());
            return null;
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
}
