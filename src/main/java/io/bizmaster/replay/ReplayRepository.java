package io.bizmaster.replay;

import io.bizmaster.coordinate.Coordinator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Persists each store's latest replay in the business store ({@code store_replay}), so a restart resumes it. Every
 * write is fenced by the coordinator's epoch: only the coordinator runs replays.
 */
public class ReplayRepository {

    private static final String COLUMNS = "store, from_seq, reset_checkpoint, up_to, phase, reached_seq, resume_after, "
            + "message, started_at, updated_at";

    private final DataSource businessStore;
    private final Coordinator coordinator;

    public ReplayRepository(DataSource businessStore, Coordinator coordinator) {
        this.businessStore = businessStore;
        this.coordinator = coordinator;
    }

    /** Records a new replay of the store, replacing its previous (finished) one. */
    void start(Replay r) {
        try (Connection c = businessStore.getConnection()) {
            c.setAutoCommit(false);
            try {
                coordinator.fence(c);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_replay WHERE store = ?")) {
                    ps.setString(1, r.store());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_replay (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, r.store());
                    ps.setLong(2, r.from());
                    ps.setBoolean(3, r.resetCheckpoint());
                    ps.setLong(4, r.upTo());
                    ps.setString(5, r.phase().name());
                    ps.setLong(6, r.reached());
                    ps.setBoolean(7, r.resumeAfter());
                    ps.setString(8, truncate(r.message()));
                    ps.setObject(9, OffsetDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC));
                    ps.setObject(10, OffsetDateTime.ofInstant(r.updatedAt(), ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the " + r + ": " + e.getMessage(), e);
        }
    }

    void save(Replay r) {
        r.updatedAt(Instant.now());
        try (Connection c = businessStore.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE store_replay SET phase = ?, reached_seq = ?, message = ?, "
                    + "updated_at = ? WHERE store = ?")) {
                coordinator.fence(c);
                ps.setString(1, r.phase().name());
                ps.setLong(2, r.reached());
                ps.setString(3, truncate(r.message()));
                ps.setObject(4, OffsetDateTime.ofInstant(r.updatedAt(), ZoneOffset.UTC));
                ps.setString(5, r.store());
                ps.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the " + r + ": " + e.getMessage(), e);
        }
    }

    Optional<Replay> find(String store) {
        return query("SELECT " + COLUMNS + " FROM store_replay WHERE store = ?", store).stream().findFirst();
    }

    List<Replay> all() {
        return query("SELECT " + COLUMNS + " FROM store_replay ORDER BY store");
    }

    private List<Replay> query(String sql, Object... params) {
        try (Connection c = businessStore.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Replay> found = new ArrayList<>();
                while (rs.next()) {
                    Replay r = new Replay(rs.getString("store"), rs.getLong("from_seq"), rs.getBoolean("reset_checkpoint"),
                            rs.getLong("up_to"), rs.getBoolean("resume_after"), ReplayPhase.valueOf(rs.getString("phase")),
                            rs.getLong("reached_seq"), rs.getObject("started_at", OffsetDateTime.class).toInstant());
                    r.message(rs.getString("message"));
                    r.updatedAt(rs.getObject("updated_at", OffsetDateTime.class).toInstant());
                    found.add(r);
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store replays: " + e.getMessage(), e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
