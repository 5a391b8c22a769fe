package io.bizmaster.migrate;

import io.bizmaster.coordinate.Coordinator;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The migrations' rows in the business store ({@code migration} table): what a restart reads to resume each one.
 * A phase change that flips store roles commits together with those roles, so a restart never sees one without the
 * other. Every save is fenced by the coordinator's epoch ({@link Coordinator#fence}): only the coordinator changes a
 * migration's state, and a former coordinator paused past its lease cannot.
 */
public class MigrationRepository {

    private static final String COLUMNS = "id, source_store, target_store, target_converter, backfill, definition, phase, "
            + "capture_seq, backfill_position, copied, total, verification, verified_seq, freeze_window_ms, message, created_at, updated_at, "
            + "backfill_from, changed_keys";

    private final DataSource businessStore;
    private final StoreControl control;
    private final MigrationDefinitions definitions;
    private final Coordinator coordinator;

    public MigrationRepository(DataSource businessStore, StoreControl control, MigrationDefinitions definitions,
                               Coordinator coordinator) {
        this.businessStore = businessStore;
        this.control = control;
        this.definitions = definitions;
        this.coordinator = coordinator;
    }

    /** @throws IllegalArgumentException if a migration with this id exists */
    public void insert(Migration m) {
        if (find(m.id()).isPresent()) {
            throw new IllegalArgumentException("migration '" + m.id() + "' exists already; choose another id");
        }
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO migration (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            MigrationDefinition d = m.definition();
            ps.setString(1, d.id());
            ps.setString(2, d.plan().from());
            ps.setString(3, d.plan().to());
            ps.setString(4, d.plan().converter().map(String::valueOf).orElse(null));
            ps.setString(5, d.plan().method());
            ps.setString(6, d.text());
            ps.setString(7, m.phase().name());
            setLong(ps, 8, m.captureSeq());
            ps.setLong(9, m.backfillPosition());
            ps.setLong(10, m.copied());
            setLong(ps, 11, m.total());
            ps.setString(12, m.verification());
            setLong(ps, 13, m.verifiedSeq());
            setLong(ps, 14, m.freezeWindowMillis());
            ps.setString(15, m.message());
            ps.setObject(16, OffsetDateTime.ofInstant(m.createdAt(), ZoneOffset.UTC));
            ps.setObject(17, OffsetDateTime.ofInstant(m.updatedAt(), ZoneOffset.UTC));
            setLong(ps, 18, m.backfillFrom());
            setLong(ps, 19, m.changedKeys());
            ps.executeUpdate();
            recordEvent(c, m);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + m + ": " + e.getMessage(), e);
        }
    }

    public void save(Migration m) {
        saveWithRoles(m, Map.of());
    }

    /** The migration's state and the given store roles, in one transaction. */
    public void saveWithRoles(Migration m, Map<String, StoreRole> roles) {
        m.updatedAt(Instant.now());
        try (Connection c = businessStore.getConnection()) {
            c.setAutoCommit(false);
            try {
                coordinator.fence(c);
                for (Map.Entry<String, StoreRole> role : roles.entrySet()) {
                    control.role(c, role.getKey(), role.getValue());
                }
                update(c, m);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + m + (roles.isEmpty() ? "" : " with roles " + roles) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the migration's state on the caller's connection, inside its transaction: a log move records its
     * phase in the business store it leaves, or the one it moves to, in the same commit as the switch itself. Not
     * fenced here: the business store it moves to has its own lease row until the switch copies this one's.
     */
    public void update(Connection c, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE migration SET phase = ?, capture_seq = ?, "
                + "backfill_position = ?, copied = ?, total = ?, verification = ?, verified_seq = ?, freeze_window_ms = ?, "
                + "message = ?, updated_at = ?, backfill_from = ?, changed_keys = ? WHERE id = ?")) {
            ps.setString(1, m.phase().name());
            setLong(ps, 2, m.captureSeq());
            ps.setLong(3, m.backfillPosition());
            ps.setLong(4, m.copied());
            setLong(ps, 5, m.total());
            ps.setString(6, truncate(m.verification()));
            setLong(ps, 7, m.verifiedSeq());
            setLong(ps, 8, m.freezeWindowMillis());
            ps.setString(9, truncate(m.message()));
            ps.setObject(10, OffsetDateTime.ofInstant(m.updatedAt(), ZoneOffset.UTC));
            setLong(ps, 11, m.backfillFrom());
            setLong(ps, 12, m.changedKeys());
            ps.setString(13, m.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no row for migration '" + m.id() + "'");
            }
        }
        recordEvent(c, m);
    }

    /** Adds the migration's new phase or freeze window to its timeline, in the caller's transaction. */
    private static void recordEvent(Connection c, Migration m) throws SQLException {
        var event = m.unrecorded();
        if (event.isEmpty()) {
            return;
        }
        int last;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(ordinal), 0) FROM migration_event WHERE migration = ?")) {
            ps.setString(1, m.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getInt(1);
            }
        }
        if (last > 0 && m.unrecordedCompletesLast()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE migration_event SET freeze_window_ms = ?, message = ? "
                    + "WHERE migration = ? AND ordinal = ?")) {
                setLong(ps, 1, event.get().freezeWindowMs());
                ps.setString(2, truncate(event.get().message()));
                ps.setString(3, m.id());
                ps.setInt(4, last);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO migration_event (migration, ordinal, happened_at, phase, "
                    + "freeze_window_ms, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, m.id());
                ps.setInt(2, last + 1);
                ps.setObject(3, OffsetDateTime.ofInstant(event.get().at(), ZoneOffset.UTC));
                ps.setString(4, event.get().phase());
                setLong(ps, 5, event.get().freezeWindowMs());
                ps.setString(6, truncate(event.get().message()));
                ps.executeUpdate();
            }
        }
        m.recorded();
    }

    /** The migration's timeline, oldest first. */
    public List<MigrationEvent> events(String id) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT happened_at, phase, freeze_window_ms, message FROM "
                     + "migration_event WHERE migration = ? ORDER BY ordinal")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<MigrationEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new MigrationEvent(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            getLong(rs, "freeze_window_ms"), rs.getString(4)));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the timeline of migration '" + id + "': " + e.getMessage(), e);
        }
    }

    public Optional<Migration> find(String id) {
        return query("SELECT " + COLUMNS + " FROM migration WHERE id = ?", id).stream().findFirst();
    }

    public List<Migration> all() {
        return query("SELECT " + COLUMNS + " FROM migration ORDER BY created_at, id");
    }

    private List<Migration> query(String sql, Object... params) {
        try (Connection c = businessStore.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Migration> found = new ArrayList<>();
                while (rs.next()) {
                    Migration m = new Migration(definitions.parse(rs.getString("definition")),
                            MigrationPhase.valueOf(rs.getString("phase")),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant());
                    m.captureSeq(getLong(rs, "capture_seq"));
                    m.backfillPosition(rs.getLong("backfill_position"));
                    m.copied(rs.getLong("copied"));
                    m.total(getLong(rs, "total"));
                    m.verification(rs.getString("verification"));
                    m.verifiedSeq(getLong(rs, "verified_seq"));
                    m.freezeWindowMillis(getLong(rs, "freeze_window_ms"));
                    m.message(rs.getString("message"));
                    m.backfillFrom(getLong(rs, "backfill_from"));
                    m.changedKeys(getLong(rs, "changed_keys"));
                    m.updatedAt(rs.getObject("updated_at", OffsetDateTime.class).toInstant());
                    m.recorded();
                    found.add(m);
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read migrations: " + e.getMessage(), e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
