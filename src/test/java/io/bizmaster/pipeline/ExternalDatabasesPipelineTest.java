package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.store.StoreRegistry;
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

/**
 * The same pipeline on real servers: the command log and the legacy store on PostgreSQL, the modern
 * store on MariaDB. Skipped when a server is absent, required under CI=true.
 */
class ExternalDatabasesPipelineTest {

    @TempDir
    Path data;

    @Test
    void commandLogOnPostgresLegacyOnPostgresModernOnMariaDb() throws Exception {
        String logUrl = ExternalDatabases.freshPostgres();
        String legacyUrl = ExternalDatabases.freshPostgres();
        String modernUrl = ExternalDatabases.freshMariaDb();
        DemoStream stream = DemoStream.generate(2000, 250, 5, "engines");
        TestApplication app = TestApplication.inFolder(data)
                .with("spring.datasource.url", logUrl)
                .with("spring.datasource.username", "")
                .with("bizmaster.stores.legacy.options.url", legacyUrl)
                .with("bizmaster.stores.legacy.options.username", "")
                .with("bizmaster.stores.modern.options.url", modernUrl)
                .with("bizmaster.stores.modern.options.username", "");
        try (ConfigurableApplicationContext context = app.start()) {
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            assertThat(stores.get("legacy").dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(stores.get("modern").dialect()).isEqualTo(Dialect.MARIADB);
            context.getBean(CommandPoster.class).post(stream.messages().stream()
                    .map(m -> CommandSplitter.split(m).get(0)).toList());
            CommandLog log = context.getBean(CommandLog.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            long total = stream.messages().size();
            Eventually.await("every command applied on PostgreSQL and MariaDB", Duration.ofMinutes(3),
                    () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + ", " + status.all());

            assertThat(log.count(CommandStatus.ACCEPTED)).isEqualTo(stream.valid());
            assertThat(log.count(CommandStatus.REJECTED)).isEqualTo(stream.invalid());
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), "engines");
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), "engines");
        }
    }
}
