package io.bizmaster.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoModel;
import io.bizmaster.testing.DemoStores;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The contract for the {@code jdbc} connector on one engine, with the {@code legacy@1} converter and its schema. */
abstract class JdbcContract extends ConnectorContract {

    private String url;

    /** The URL of a new, empty database of the engine. */
    protected abstract String freshUrl();

    private DataSource subject() {
        return new DriverManagerDataSource(url);
    }

    @Override
    protected String connector() {
        return "jdbc";
    }

    @Override
    protected String converter() {
        return "legacy@1";
    }

    @Override
    protected Map<String, String> options() {
        url = freshUrl();
        return Map.of("url", url);
    }

    @Override
    protected void assertMatches(DemoModel model, String run) {
        DemoStores.assertLegacyMatches(subject(), model, run);
    }

    @Override
    protected void plantStaleAndForeign(String run) {
        try (Connection c = subject().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO CUSTOMER (ID, NAME, BALANCE) VALUES ('" + run + "-ghost', 'stale', 0)");
            s.execute("CREATE TABLE NOT_OURS (ID VARCHAR(20) PRIMARY KEY)");
            s.executeUpdate("INSERT INTO NOT_OURS (ID) VALUES ('kept')");
        } catch (SQLException e) {
            throw new AssertionError("cannot plant rows in the subject: " + e.getMessage(), e);
        }
    }

    @Override
    protected void assertStaleGoneAndForeignKept(String run) {
        assertThat(DemoStores.rows(subject(), "SELECT ID, NAME FROM CUSTOMER WHERE ID = ?", run + "-ghost")).isEmpty();
        assertThat(DemoStores.rows(subject(), "SELECT ID FROM NOT_OURS")).as("a table the converter does not own")
                .containsOnlyKeys("kept");
    }
}
