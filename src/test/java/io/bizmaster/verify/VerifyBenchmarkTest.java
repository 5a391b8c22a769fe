package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ExternalDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark class works end to end on a small table; the 1,000,000-row figures are measured by hand. */
class VerifyBenchmarkTest {

    @Test
    void measuresAVerificationAndTheScansOfTwoEqualTables() throws Exception {
        String postgres = ExternalDatabases.freshPostgres();
        String mariadb = ExternalDatabases.freshMariaDb();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        VerifyBenchmark.Result result = new VerifyBenchmark(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(postgres, mariadb, 10_000);

        assertThat(result.outcome()).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo(Outcome.EQUAL);
        assertThat(result.rows()).isEqualTo(10_000);
        assertThat(result.verifyRowsPerSecond()).isPositive();
        assertThat(result.scanRowsPerSecond()).isPositive();
        assertThat(result.verifyPeakHeapMb()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ordered full scans").contains("verification:");
    }
}
