package io.bizmaster.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates and evolves a store's tables from its converter's {@code schema/} folder of Flyway migrations. */
public final class StoreSchema {

    public static final String HISTORY_TABLE = "bizmaster_schema_history";

    private StoreSchema() {
    }

    /**
     * Brings the store's schema up to the newest migration in {@code schemaDir}.
     *
     * <p>A store database that already holds other tables but no history yet is baselined at version 0,
     * not Flyway's default 1: with 1, V1 (the one creating the converter's tables) would be skipped.
     */
    public static void migrate(DataSource dataSource, Path schemaDir) {
        if (!Files.isDirectory(schemaDir)) {
            throw new IllegalArgumentException("schema folder " + schemaDir.toAbsolutePath() + " does not exist");
        }
        Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations("filesystem:" + schemaDir.toAbsolutePath())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // A misnamed file (v1_x.sql) would otherwise be skipped without a word.
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
