package io.bizmaster.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code intake_freeze} row of the business store: who froze the intake at the broker, why, since when and for how
 * long at most. Every instance reads it (its gateway answers 503, its health says frozen); the one that finds it stale
 * undoes it. The primary key makes a second freeze fail while one is recorded.
 */
public final class IntakeFreezes {

    /** A recorded freeze. {@code migration} is the cut-over or rollback holding it, if a migration does. */
    public record Freeze(String token, String reason, String heldBy, String migration, Instant since, long budgetMillis) {
    }

    private final DataSource businessStore;

    public IntakeFreezes(DataSource businessStore) {
        this.businessStore = businessStore;
    }

    /** @throws IllegalStateException if a freeze is recorded already, naming who holds it */
    public void record(Freeze freeze) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO intake_freeze (id, token, reason, held_by, migration_id, "
                     + "since, budget_ms) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, freeze.token());
            ps.setString(2, freeze.reason());
            ps.setString(3, freeze.heldBy());
            ps.setString(4, freeze.migration());
            ps.setObject(5, OffsetDateTime.ofInstant(freeze.since(), ZoneOffset.UTC));
            ps.setLong(6, freeze.budgetMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            Optional<Freeze> holder = Optional.empty();
            try {
                holder = find();
            } catch (RuntimeException ignored) {
                // the insert's own error says enough
            }
            if (holder.isPresent()) {
                Freeze h = holder.get();
                throw new IllegalStateException("the intake is frozen already (" + h.reason() + ", by " + h.heldBy()
                        + " since " + h.since() + "): one freeze at a time");
            }
            throw new IllegalStateException("cannot record the intake freeze (" + freeze.reason() + "): " + e.getMessage(), e);
        }
    }

    public Optional<Freeze> find() {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT token, reason, held_by, migration_id, since, budget_ms FROM intake_freeze WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Freeze(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getLong(6)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the intake freeze: " + e.getMessage(), e);
        }
    }

    /** Deletes that freeze and no later one; true if it was there. */
    public boolean delete(String token) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM intake_freeze WHERE id = 1 AND token = ?")) {
            ps.setString(1, token);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the intake freeze " + token + ": " + e.getMessage(), e);
        }
    }
}
