package io.bizmaster.store.jdbc;

import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a database failure will pass by waiting. A transient one (a connection refused or lost, a timeout, a
 * deadlock, a serialization failure) is retried with back-off: the database or the lock will be there again. A
 * permanent one (a constraint, a value too long or out of range, a conversion) fails the same way every time, so the
 * command is parked instead of retried for ever. Decided by JDBC's exception categories first, then by SQLState
 * class and the vendors' codes, looking through the causes.
 */
public final class SqlFailures {

    /** What a failure is. */
    public enum Kind { TRANSIENT, PERMANENT, UNKNOWN }

    /**
     * States worth waiting out beyond the classes 08, 40, 53, 57 and 58: PostgreSQL's lock not available and query
     * cancelled, the standard's timeouts, and H2's own codes (which it reports as the state): connection broken,
     * database closed, lock timeout, concurrent update, database in use.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "57014", "HYT00", "HYT01",
            "90067", "90098", "50200", "90131", "90121", "90020");
    /** MariaDB/MySQL error codes reported under the generic state HY000: lock wait timeout, lost connections. */
    private static final Set<Integer> TRANSIENT_MARIADB = Set.of(1205, 1927, 2006, 2013);

    private SqlFailures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof IOException) {
                return Kind.TRANSIENT;
            }
            if (t instanceof SQLException sql) {
                Kind byState = byState(sql);
                if (byState != Kind.UNKNOWN) {
                    return byState;
                }
                if (t instanceof SQLIntegrityConstraintViolationException || t instanceof SQLDataException
                        || t instanceof SQLSyntaxErrorException) {
                    return Kind.PERMANENT;
                }
            }
        }
        return Kind.UNKNOWN;
    }

    /**
     * Whether the failure says the database did not answer (no connection, a connection lost or timed out), as opposed
     * to one that answered with an error: what makes recovery wait for the database rather than retry the command.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08") || Set.of("90067", "90098", "90121").contains(state)
                        || "HY000".equals(state) && Set.of(2006, 2013).contains(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean permanent(Throwable failure) {
        return classify(failure) == Kind.PERMANENT;
    }

    private static Kind byState(SQLException e) {
        String state = e.getSQLState();
        if (TRANSIENT_MARIADB.contains(e.getErrorCode()) && "HY000".equals(state)) {
            return Kind.TRANSIENT;
        }
        if (state == null || state.length() < 2) {
            return Kind.UNKNOWN;
        }
        if (TRANSIENT_STATES.contains(state)) {
            return Kind.TRANSIENT;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "57", "58" -> Kind.TRANSIENT;
            case "22", "23", "42", "44", "21", "2B", "2D" -> Kind.PERMANENT;
            default -> Kind.UNKNOWN;
        };
    }

    /** What a failure says about the data, without quoting any value of it (reasons end up in public outputs). */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                String what = switch (state) {
                    case "22001" -> "a value is longer than its column";
                    case "22003" -> "a number is out of its column's range";
                    case "22007", "22008" -> "a date or time is invalid or out of its column's range";
                    case "23502" -> "a required column would be null";
                    case "23505", "23000" -> "a row with this key exists already (a unique or primary key)";
                    case "23503" -> "a referenced row does not exist (a foreign key)";
                    default -> state.startsWith("23") ? "a constraint of the table refuses it"
                            : state.startsWith("22") ? "a value does not fit its column" : "the database refuses it";
                };
                return what + " (SQLState " + state + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }

}
