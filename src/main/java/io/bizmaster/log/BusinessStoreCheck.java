package io.bizmaster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Refuses to start on a database that holds logged commands beyond its log head: that is the copy a log
 * migration is filling (its head is set only at the cut-over), and appending there would fork the log.
 */
public final class BusinessStoreCheck {

    private BusinessStoreCheck() {
    }

    public static void check(DataSource businessStore, String where) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT MAX(seq) FROM command_log), (SELECT seq FROM log_head WHERE id = 1)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long highest = rs.getLong(1);
            long head = rs.getLong(2);
            if (highest > head) {
                throw new IllegalStateException("the business store at " + where + " holds commands up to seq " + highest
                        + " but its log head is " + head + ": it is the copy a log move is filling, not yet cut over. "
                        + "Set spring.datasource.url to the business store the log is being copied from");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the log head of the business store at " + where + ": " + e.getMessage(), e);
        }
    }
}
