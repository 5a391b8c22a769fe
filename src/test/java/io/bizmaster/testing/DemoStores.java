package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoModel;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Compares what the demo's two stores hold, each in its own schema, with the model of the stream they
 * were fed. Every mismatch is listed, not only the first.
 */
public final class DemoStores {

    private DemoStores() {
    }

    public static void assertLegacyMatches(DataSource legacy, DemoModel model, String run) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Object>> customers = rows(legacy,
                "SELECT ID, NAME, EMAIL, ADDRESS, BALANCE FROM CUSTOMER WHERE ID LIKE ?", run + "-%");
        check(problems, "legacy CUSTOMER rows", customers.size(), model.customers().size());
        model.customers().forEach((id, c) -> {
            List<Object> row = customers.get(id);
            if (row == null) {
                problems.add("legacy CUSTOMER " + id + " is missing");
                return;
            }
            check(problems, "legacy " + id + " NAME", row.get(0), c.name);
            check(problems, "legacy " + id + " EMAIL", row.get(1), c.email);
            check(problems, "legacy " + id + " ADDRESS", row.get(2), c.street + ", " + c.zip + " " + c.city);
            check(problems, "legacy " + id + " BALANCE", ((Number) row.get(3)).longValue(), c.balance);
        });
        Map<String, List<Object>> orders = rows(legacy,
                "SELECT ID, CUSTOMER_ID, TOTAL, STATUS_CODE FROM ORDERS WHERE ID LIKE ?", run + "-%");
        check(problems, "legacy ORDERS rows", orders.size(), model.orders().size());
        model.orders().forEach((id, o) -> {
            List<Object> row = orders.get(id);
            if (row == null) {
                problems.add("legacy ORDERS " + id + " is missing");
                return;
            }
            check(problems, "legacy " + id + " CUSTOMER_ID", row.get(0), o.customerId);
            check(problems, "legacy " + id + " TOTAL", ((BigDecimal) row.get(1)).compareTo(o.total), 0);
            check(problems, "legacy " + id + " STATUS_CODE", ((Number) row.get(2)).intValue(), o.cancelled ? 9 : 1);
        });
        assertThat(problems).as("differences between the legacy store and the model").isEmpty();
    }

    public static void assertModernMatches(DataSource modern, DemoModel model, String run) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Object>> customers = rows(modern, "SELECT c.id, c.first_name, c.last_name, c.email, "
                + "c.loyalty_points, a.street, a.zip, a.city FROM customers c LEFT JOIN addresses a ON a.customer_id = c.id "
                + "WHERE c.id LIKE ?", run + "-%");
        check(problems, "modern customers rows", customers.size(), model.customers().size());
        model.customers().forEach((id, c) -> {
            List<Object> row = customers.get(id);
            if (row == null) {
                problems.add("modern customers " + id + " is missing");
                return;
            }
            int space = c.name.indexOf(' ');
            check(problems, "modern " + id + " first_name", row.get(0), space < 0 ? c.name : c.name.substring(0, space));
            check(problems, "modern " + id + " last_name", row.get(1), space < 0 ? null : c.name.substring(space + 1));
            check(problems, "modern " + id + " email", row.get(2), c.email);
            check(problems, "modern " + id + " loyalty_points", ((Number) row.get(3)).longValue(), c.balance);
            check(problems, "modern " + id + " street", row.get(4), c.street);
            check(problems, "modern " + id + " zip", row.get(5), c.zip);
            check(problems, "modern " + id + " city", row.get(6), c.city);
        });
        Map<String, List<Object>> orders = rows(modern,
                "SELECT id, customer_id, total, status, cancel_reason FROM orders WHERE id LIKE ?", run + "-%");
        check(problems, "modern orders rows", orders.size(), model.orders().size());
        model.orders().forEach((id, o) -> {
            List<Object> row = orders.get(id);
            if (row == null) {
                problems.add("modern orders " + id + " is missing");
                return;
            }
            check(problems, "modern " + id + " customer_id", row.get(0), o.customerId);
            check(problems, "modern " + id + " total", ((BigDecimal) row.get(1)).compareTo(o.total), 0);
            check(problems, "modern " + id + " status", row.get(2), o.cancelled ? "CANCELLED" : "PLACED");
            check(problems, "modern " + id + " cancel_reason", row.get(3), o.cancelReason);
        });
        assertThat(problems).as("differences between the modern store and the model").isEmpty();
    }

    private static void check(List<String> problems, String what, Object actual, Object expected) {
        if (!java.util.Objects.equals(actual, expected) && problems.size() < 50) {
            problems.add(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    /** Rows by their first column; the other columns in order. */
    public static Map<String, List<Object>> rows(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, List<Object>> rows = new TreeMap<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 2; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        values.add(value instanceof Integer n ? Long.valueOf(n) : value);
                    }
                    rows.put(rs.getString(1), values);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
