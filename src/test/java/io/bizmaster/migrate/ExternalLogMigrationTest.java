package io.bizmaster.migrate;

import io.bizmaster.testing.ExternalDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed scenario 6 across engines: the embedded default's business store (H2) moves to PostgreSQL under load, and
 * back. Needs the local PostgreSQL: skipped with a message when it is absent, failed under CI=true.
 */
class ExternalLogMigrationTest {

    @TempDir
    Path data;

    @Test
    void theBusinessStoreMovesFromH2ToPostgresUnderLoadAndBack() throws Exception {
        String target = ExternalDatabases.freshPostgres();
        LogMigrationScenario.cutOverAndRollBackUnderLoad(data, "PostgreSQL", target, "postgres",
                LogMigrationScenario.definition("lm", target, "postgres", ""));
    }
}
