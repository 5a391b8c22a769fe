package io.bizmaster.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and evolves a store's tables from its converter's {@code schema/} folder of Flyway migrations, plus the
 * engine's own folder beside it ({@code schema-mariadb/}, {@code schema-postgresql/}, {@code schema-h2/}) when there
 * is one: what only one engine needs (MariaDB's TIMESTAMP ends in 2038, its default collation ignores case) goes
 * there, under versions of its own that the shared folder does not use.
 */
public final class StoreSchema {

    public static final String HISTORY_TABLE = "bizmaster_schema_history";

    private StoreSchema() {
    }

    /** The folder of migrations that only {@code dialect} runs, beside the shared one. */
    public static Path engineFolder(Path schemaDir, Dialect dialect) {
        return schemaDir.resolveSibling(schemaDir.getFileName() + "-" + dialect.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Brings the store's schema up to the newest migration in {@code schemaDir} and the engine's folder.
     *
     * <p>A store database that already holds other tables but no history yet is baselined at version 0,
     * not Flyway's default 1: with 1, V1 (the one creating the converter's tables) would be skipped.
     */
    public static void migrate(DataSource dataSource, Path schemaDir) {
        if (!Files.isDirectory(schemaDir)) {
            throw new IllegalArgumentException("schema folder " + schemaDir.toAbsolutePath() + " does not exist");
        }
        List<String> locations = new ArrayList<>(List.of("filesystem:" + schemaDir.toAbsolutePath()));
        Path own = engineFolder(schemaDir, dialect(dataSource));
        if (Files.isDirectory(own)) {
            locations.add("filesystem:" + own.toAbsolutePath());
        }
        Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(locations.toArray(String[]::new))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // A misnamed file (v1_x.sql) would otherwise be skipped without a word.
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    private static Dialect dialect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the store's engine: " + e.getMessage(), e);
        }
    }
}
