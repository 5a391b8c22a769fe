package io.bizmaster.coordinate;

import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The coordinator lease row in the business store ({@code coordinator_lease}). Every decision is one conditional
 * UPDATE timed by the database's clock, so two instances whose clocks disagree still agree on who holds it; the
 * database serialises two acquisitions, and the epoch each one sets tells them apart for ever after.
 */
public class CoordinatorLease {

    static final String NAME = "coordinator";

    private final DataSource businessStore;

    public CoordinatorLease(DataSource businessStore) {
        this.businessStore = businessStore;
    }

    /**
     * Takes the lease when it is free, expired, or held under this same instance id (this instance restarted after a
     * crash: the process that held it is gone). Always a new epoch.
     *
     * @return the new epoch, or empty when another instance holds an unexpired lease
     */
    public OptionalLong acquire(String instance, long durationMs) {
        try (Connection c = businessStore.getConnection()) {
            c.setAutoCommit(false);
            try {
                String now = now(c);
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator_lease SET holder = ?, epoch = epoch + 1, "
                        + "expires_at_ms = " + now + " + ?, acquired_at_ms = " + now + " WHERE name = ? AND (holder IS NULL "
                        + "OR expires_at_ms < " + now + " OR holder = ?)")) {
                    ps.setString(1, instance);
                    ps.setLong(2, durationMs);
                    ps.setString(3, NAME);
                    ps.setString(4, instance);
                    updated = ps.executeUpdate();
                }
                if (updated != 1) {
                    c.rollback();
                    return OptionalLong.empty();
                }
                long epoch;
                try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM coordinator_lease WHERE name = ?")) {
                    ps.setString(1, NAME);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        epoch = rs.getLong(1);
                    }
                }
                c.commit();
                return OptionalLong.of(epoch);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot acquire the coordinator lease for instance '" + instance + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Extends the lease held under this epoch. False when another instance took it since (a new epoch): leadership
     * is lost at once, whatever this instance's clock says.
     */
    public boolean renew(String instance, long epoch, long durationMs) {
        try (Connection c = businessStore.getConnection()) {
            String now = now(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator_lease SET expires_at_ms = " + now + " + ? "
                    + "WHERE name = ? AND holder = ? AND epoch = ?")) {
                ps.setLong(1, durationMs);
                ps.setString(2, NAME);
                ps.setString(3, instance);
                ps.setLong(4, epoch);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot renew the coordinator lease of instance '" + instance + "' (epoch "
                    + epoch + "): " + e.getMessage(), e);
        }
    }

    /** Lets the lease go at once (the application stops), so another instance takes over without waiting for it. */
    public void release(String instance, long epoch) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE coordinator_lease SET holder = NULL, expires_at_ms = 0 "
                     + "WHERE name = ? AND holder = ? AND epoch = ?")) {
            ps.setString(1, NAME);
            ps.setString(2, instance);
            ps.setLong(3, epoch);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the coordinator lease of instance '" + instance + "' (epoch "
                    + epoch + "): " + e.getMessage(), e);
        }
    }

    public LeaseHolder current() {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT holder, epoch, expires_at_ms - " + now(c)
                     + " FROM coordinator_lease WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the business store has no coordinator lease row (Flyway V6 not applied?)");
                }
                return new LeaseHolder(rs.getString(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the coordinator lease: " + e.getMessage(), e);
        }
    }

    /**
     * Checks, inside the caller's transaction, that this epoch still holds the lease, and locks the row until the
     * caller commits: a takeover waits for this write, or this write sees the takeover and is refused.
     *
     * @throws LeadershipLostException another instance took the lease
     */
    public void fence(Connection c, String instance, long epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, epoch FROM coordinator_lease WHERE name = ? FOR UPDATE")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LeadershipLostException("the business store has no coordinator lease row");
                }
                String holder = rs.getString(1);
                long current = rs.getLong(2);
                if (current != epoch || !instance.equals(holder)) {
                    throw new LeadershipLostException("instance '" + instance + "' is no longer the coordinator: it held epoch "
                            + epoch + ", the lease is now at epoch " + current + (holder == null ? " (released)"
                            : " held by '" + holder + "'") + "; the write was refused");
                }
            }
        }
    }

    /** The database's clock in milliseconds since 1970, as an SQL expression of the connection's engine. */
    static String now(Connection c) throws SQLException {
        return switch (Dialect.of(c)) {
            case H2, POSTGRESQL -> "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
            case MARIADB -> "CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)";
        };
    }
}
