package io.bizmaster.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Operator decisions about stores kept in the business store, so they survive a restart. */
public class StoreControl {

    private final DataSource businessStore;

    public StoreControl(DataSource businessStore) {
        this.businessStore = businessStore;
    }

    public boolean paused(String store) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT paused FROM store_control WHERE store = ?")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the control state of store '" + store + "': " + e.getMessage(), e);
        }
    }

    /** Every store's pause flag as recorded (stores never paused or resumed have no row). */
    public java.util.Map<String, Boolean> pausedFlags() {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT store, paused FROM store_control");
             ResultSet rs = ps.executeQuery()) {
            java.util.Map<String, Boolean> flags = new java.util.HashMap<>();
            while (rs.next()) {
                flags.put(rs.getString(1), rs.getBoolean(2));
            }
            return flags;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stores' pause flags: " + e.getMessage(), e);
        }
    }

    public void paused(String store, boolean paused) {
        try (Connection c = businessStore.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE store_control SET paused = ?, updated_at = ? WHERE store = ?")) {
                ps.setBoolean(1, paused);
                ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setString(3, store);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_control (store, paused, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, store);
                    ps.setBoolean(2, paused);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record that store '" + store + "' is " + (paused ? "paused" : "resumed")
                    + ": " + e.getMessage(), e);
        }
    }

    /** The converter an operator switched the store to, if any; it wins over the configured one. */
    public java.util.Optional<io.bizmaster.store.ConverterRef> converter(String store) {
        return column(store, "converter").map(io.bizmaster.store.ConverterRef::parse);
    }

    public void converter(String store, io.bizmaster.store.ConverterRef converter) {
        try (Connection c = businessStore.getConnection()) {
            set(c, store, "converter", converter.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record converter " + converter + " for store '" + store + "': "
                    + e.getMessage(), e);
        }
    }

    /** The role a migration gave the store, if any; it wins over the configured one. */
    public java.util.Optional<StoreRole> role(String store) {
        return column(store, "role").map(StoreRole::valueOf);
    }

    /** Records a role on the caller's connection, so a migration commits it with its own phase change. */
    public void role(Connection c, String store, StoreRole role) throws SQLException {
        set(c, store, "role", role.name());
    }

    private java.util.Optional<String> column(String store, String column) {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM store_control WHERE store = ?")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + column + " of store '" + store + "': " + e.getMessage(), e);
        }
    }

    private static void set(Connection c, String store, String column, String value) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE store_control SET " + column + " = ?, updated_at = ? WHERE store = ?")) {
            ps.setString(1, value);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(3, store);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_control (store, paused, " + column
                    + ", updated_at) VALUES (?, FALSE, ?, ?)")) {
                ps.setString(1, store);
                ps.setString(2, value);
                ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
    }
}
