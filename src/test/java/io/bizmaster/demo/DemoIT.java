package io.bizmaster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} as a new user runs it, from the packaged jar: the stream applied to both stores, then a migration to a
 * new store under a live load, through its phases, verified, cut over with its freeze window shown, verified again,
 * rolled back and let go; the next things to open printed; and a second run in the same folder tells the same story.
 */
class DemoIT {

    @TempDir
    Path folder;

    @Test
    void theDemoTellsTheWholeStoryAndCanBeRunAgain() throws Exception {
        for (int run = 1; run <= 2; run++) {
            PackagedJar.Result demo = new PackagedJar(folder).run("demo", "--commands", "3000", "--customers", "200",
                    "--bizmaster.broker.port=" + TestPorts.free());
            // The first run's log holds its stream only; the second's, the first run's load besides (it stops at the cut-over).
            String head = run == 1 ? "3,000" : "[0-9,]+";
            assertThat(demo.exit()).as(demo.output()).isZero();
            assertThat(demo.output()).as("run " + run)
                    .containsPattern("Demo complete: posted 3,000: accepted 2,9\\d\\d, rejected \\d+; log head " + head + ";")
                    .containsPattern("Migration demo[a-z0-9]+-modern2: legacy -> modern2")
                    .contains("  BACKFILLING: ", "  CATCHING_UP: ", "  READY: passed: EQUAL")
                    .containsPattern("cutover under load \\([0-9,]+ commands sent so far\\): modern2 is the primary, "
                            + "freeze window [0-9,]+ ms \\(budget 5,000 ms\\)")
                    .containsPattern("verify modern2 legacy, after the load \\(log head [0-9,]+\\): store modern2 and "
                            + "store legacy are equal at seq \\d+")
                    .containsPattern("rollback: legacy is the primary again, freeze window [0-9,]+ ms")
                    .contains("cancel: modern2 detached again")
                    .containsPattern("timeline: CREATED -> BACKFILLING -> .* -> CUT_OVER \\(freeze \\d+ ms\\) -> .*"
                            + "ROLLED_BACK \\(freeze \\d+ ms\\) -> CANCELLED")
                    .contains("open http://127.0.0.1:8080/",
                            "java -jar target/bizmaster.jar run --spring.config.additional-location=examples/modern2-store.yaml");
        }
    }
}
