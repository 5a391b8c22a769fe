package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * The snapshot migration across engines, under load: the command log and migration state on PostgreSQL;
 * the source's consistent snapshot on PostgreSQL (REPEATABLE READ) and on MariaDB (START TRANSACTION WITH
 * CONSISTENT SNAPSHOT). Skipped when a server is absent, required under CI=true.
 */
class ExternalDatabasesMigrationTest {

    @TempDir
    Path data;

    @Test
    void snapshotFromPostgresIntoMariaDb() throws Exception {
        migrate(ExternalDatabases.freshPostgres(), ExternalDatabases.freshMariaDb(), Dialect.POSTGRESQL, "pg2maria");
    }

    @Test
    void snapshotFromMariaDbIntoPostgres() throws Exception {
        migrate(ExternalDatabases.freshMariaDb(), ExternalDatabases.freshPostgres(), Dialect.MARIADB, "maria2pg");
    }

    private void migrate(String legacyUrl, String targetUrl, Dialect sourceDialect, String run) throws Exception {
        TestApplication app = MigrationTestSupport.withTarget(data)
                .with("spring.datasource.url", ExternalDatabases.freshPostgres())
                .with("spring.datasource.username", "")
                .with("bizmaster.stores.legacy.options.url", legacyUrl)
                .with("bizmaster.stores.legacy.options.username", "")
                .with("bizmaster.stores.modern2.options.url", targetUrl)
                .with("bizmaster.stores.modern2.options.username", "");
        DemoStream stream = DemoStream.generate(6_000, 600, 43, run);
        try (ConfigurableApplicationContext context = app.start();
             LoadGenerator load = new LoadGenerator(stream, 400).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            assertThat(stores.get("legacy").dialect()).isEqualTo(sourceDialect);
            MigrationWorkflow workflow = context.getBean(MigrationWorkflow.class);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 1_500);
            workflow.create(SnapshotMigrationTest.DEFINITION);
            MigrationStatus[] seen = new MigrationStatus[1];
            Eventually.await("READY", Duration.ofMinutes(2), () -> {
                seen[0] = workflow.status("s1");
                return seen[0].phase().equals("READY");
            }, () -> String.valueOf(seen[0]));
            long snapshotSeq = seen[0].captureSeq();
            MigrationStatus cut = MigrationTestSupport.cutOverWithRetries(workflow, "s1");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
            System.out.printf("snapshot migration %s: %d rows at seq %d; freeze window %d ms under %d commands/s (%d of %d "
                    + "posted); %s%n", run, seen[0].backfilled(), snapshotSeq, cut.freezeWindowMs(), load.perSecond(),
                    load.posted(), load.total(), cut.verification());

            load.awaitDone(Duration.ofMinutes(3));
            StoreStatusService status = context.getBean(StoreStatusService.class);
            LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(3));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoModel expected = stream.model();
            for (LogEntry e : LogChecks.all(log)) {
                if (e.seq() <= snapshotSeq && e.accepted() && "order.cancelled".equals(e.type())) {
                    expected.orders().get(e.key()).cancelReason = null;
                }
            }
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), expected, run);
        }
    }
}
