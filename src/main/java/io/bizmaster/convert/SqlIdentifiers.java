package io.bizmaster.convert;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Table and column names from converter files. They are written into SQL unquoted, so they fold
 * exactly as the unquoted names in the schema migrations do on each engine (upper on H2, lower on
 * PostgreSQL, as written on MariaDB). That only works for plain names, hence the strict pattern; and
 * a reserved word would break the generated SQL on some engine, so those are refused up front too.
 */
final class SqlIdentifiers {

    static final Pattern PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    // Reserved words of H2 2.x (which has the longest list) plus the MariaDB and PostgreSQL
    // words that could plausibly be picked as a table or column name.
    private static final Set<String> RESERVED = Set.of(
            "ALL", "AND", "ANY", "ARRAY", "AS", "ASYMMETRIC", "AUTHORIZATION", "BETWEEN", "BOTH", "CASE", "CAST",
            "CHECK", "CONSTRAINT", "CROSS", "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_PATH", "CURRENT_ROLE",
            "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DAY", "DEFAULT", "DISTINCT",
            "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM", "FULL", "GROUP",
            "GROUPS", "HAVING", "HOUR", "IF", "ILIKE", "IN", "INNER", "INTERSECT", "INTERVAL", "IS", "JOIN", "KEY",
            "LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "MINUTE", "MONTH", "NATURAL",
            "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OVER", "PARTITION", "PRIMARY", "QUALIFY", "RANGE",
            "REGEXP", "RIGHT", "ROW", "ROWNUM", "ROWS", "SECOND", "SELECT", "SESSION_USER", "SET", "SOME",
            "SYMMETRIC", "SYSTEM_USER", "TABLE", "TO", "TOP", "TRAILING", "TRUE", "UESCAPE", "UNION", "UNIQUE",
            "UNKNOWN", "USER", "USING", "VALUE", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "YEAR", "_ROWID_",
            // MariaDB
            "ADD", "ALTER", "ASC", "BY", "CALL", "CHANGE", "COLUMN", "CONDITION", "CREATE", "DATABASE", "DELETE",
            "DESC", "DESCRIBE", "DIV", "DROP", "DUAL", "EXPLAIN", "FORCE", "GRANT", "IGNORE", "INDEX", "INSERT",
            "INTO", "KEYS", "KILL", "LOCK", "MATCH", "MOD", "READ", "REFERENCES", "RENAME", "REPLACE", "RETURN",
            "REVOKE", "SCHEMA", "SHOW", "SQL", "THEN", "TRIGGER", "UPDATE", "USE", "WRITE", "XOR",
            // PostgreSQL
            "ANALYSE", "ANALYZE", "COLLATE", "DEFERRABLE", "DO", "INITIALLY", "LATERAL", "ONLY", "PLACING",
            "RETURNING", "VARIADIC");

    private SqlIdentifiers() {
    }

    /** @throws IllegalArgumentException saying what a valid name looks like */
    static String check(String name, String what) {
        if (name == null || !PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name " + (name == null ? "is missing" : "'" + name + "' is not allowed")
                    + "; expected a letter followed by up to 62 letters, digits or underscores (" + PATTERN.pattern() + ")");
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is a reserved word on H2, PostgreSQL or MariaDB; pick another name in the schema and the converter");
        }
        return name;
    }
}
