package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.ExternalDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Fresh store databases on each engine and small helpers to write and read them. */
final class TestStores {

    private TestStores() {
    }

    static DataSource fresh(Dialect dialect) {
        return ExternalDatabases.fresh(dialect);
    }

    /** Applies the commands in one transaction, as the pipeline does with a batch. */
    static void apply(BConverter converter, DataSource ds, String store, List<SequencedCommand> commands) throws SQLException {
        apply(converter, ds, store, commands, false);
    }

    static void apply(BConverter converter, DataSource ds, String store, List<SequencedCommand> commands, boolean batching)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (StoreSession session = new StoreSession(store, c, Dialect.of(c), batching)) {
                for (SequencedCommand command : commands) {
                    converter.apply(command, session);
                }
                session.flush();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    static Row row(DataSource ds, String sql, Object... params) throws SQLException {
        List<Row> rows = rows(ds, sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for " + sql + ", got " + rows.size());
        }
        return rows.get(0);
    }

    static List<Row> rows(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        boolean timestamp = md.getColumnType(i) == Types.TIMESTAMP;
                        values.put(md.getColumnLabel(i), timestamp ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i));
                    }
                    rows.add(new Row(values));
                }
            }
            return rows;
        }
    }

    /** One result row; typed getters hide which Java type each driver picks for a column. */
    record Row(Map<String, Object> values) {

        Object get(String column) {
            if (!values.containsKey(column)) {
                throw new AssertionError("no column " + column + " in " + values.keySet());
            }
            return values.get(column);
        }

        String string(String column) {
            return (String) get(column);
        }

        Long number(String column) {
            Object v = get(column);
            return v == null ? null : ((Number) v).longValue();
        }

        BigDecimal decimal(String column) {
            return (BigDecimal) get(column);
        }

        LocalDateTime time(String column) {
            return (LocalDateTime) get(column);
        }

        Boolean bool(String column) {
            Object v = get(column);
            return v == null ? null : v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
        }
    }
}
