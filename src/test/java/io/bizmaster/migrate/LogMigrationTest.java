package io.bizmaster.migrate;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed scenario 6 without external servers: the business store moves from one H2 file to another. */
class LogMigrationTest {

    @TempDir
    Path data;

    @Test
    void theBusinessStoreMovesToAnotherH2DatabaseUnderLoadAndBack() throws Exception {
        String target = "jdbc:h2:file:" + data.resolve("business2");
        LogMigrationScenario.cutOverAndRollBackUnderLoad(data, "H2", target, "sa",
                LogMigrationScenario.definition("lm", target, "sa", ""));
    }
}
