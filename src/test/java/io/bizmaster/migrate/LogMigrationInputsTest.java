package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.log.CommandLog;
import io.bizmaster.log.NewEntry;
import io.bizmaster.testing.TestApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a log move refuses, and how it says so: each answer names the problem and what to do, and never a
 * password. The runner is stopped, so a migration stays where the test put it.
 */
class LogMigrationInputsTest {

    @TempDir
    Path data;

    @Test
    void badDefinitionsTargetsAndVerbsAreRefusedWithClearMessages() throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        try (ConfigurableApplicationContext context = TestApplication.inFolder(data)
                .with("BIZ_TEST_LOG_PASSWORD", secret).start()) {
            context.getBean(MigrationRunner.class).close();
            context.getBean(CommandLog.class).append(NewEntry.accepted("in-1", "m-1", "customer.credited", "C1", "test",
                    Instant.now(), "{\"payload\":{\"amount\":1}}"));
            Http http = Http.of(context);
            String business2 = "jdbc:h2:file:" + data.resolve("business2");

            expect(http.post("/api/migrations", LogMigrationScenario.definition("m1", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "app", "")), 400, "target-log jdbc:postgresql://127.0.0.1:1/nowhere as app cannot be reached");
            expect(http.post("/api/migrations", "id: m1\nkind: log\ntarget-log: {url: \"" + business2
                    + "\", password: hunter2}\n"), 400, "target-log.password: must be a placeholder ${BIZ_…} such as ${BIZ_LOG_PASSWORD}");
            expect(http.post("/api/migrations", "id: m1\nkind: log\nsource: legacy\ntarget-log: {url: \"" + business2
                    + "\"}\n"), 400, "source: names stores; a log move (kind: log) moves the business store");
            expect(http.post("/api/migrations", "id: m1\nkind: log\n"), 400, "kind: log needs target-log");
            expect(http.post("/api/migrations", "id: m1\nkind: log\ntarget-log:\n  url: \"" + business2
                    + "\"\n  password: \"${BIZ_NO_SUCH_PASSWORD}\"\n"), 400,
                    "the password of " + business2 + " is ${BIZ_NO_SUCH_PASSWORD}, which is not set");
            expect(http.post("/api/migrations", LogMigrationScenario.definition("m1", "jdbc:h2:file:" + data.resolve("bizmaster"),
                    "sa", "")), 400, "is the business store the command log is in now");

            String used = "jdbc:h2:file:" + data.resolve("used");
            Flyway.configure().dataSource(used, "sa", "").locations("classpath:db/log").load().migrate();
            try (Connection c = new DriverManagerDataSource(used, "sa", "").getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO command_log (seq, command_id, received_at, status) "
                         + "VALUES (1, 'x', CURRENT_TIMESTAMP, 'ACCEPTED')")) {
                ps.executeUpdate();
            }
            expect(http.post("/api/migrations", LogMigrationScenario.definition("m1", used, "sa", "")), 400,
                    "already holds commands (up to seq 1); a log move copies into an empty business store");

            // A placeholder may only name a BIZ_ property: anything else would hand any setting to the URL's server.
            expect(http.post("/api/migrations", "id: m1\nkind: log\ntarget-log:\n  url: \"" + business2 + "\"\n  username: sa\n"
                    + "  password: \"${spring.datasource.password}\"\n"), 400, "must be a placeholder ${BIZ_");
            String good = "id: m1\nkind: log\ntarget-log:\n  url: \"" + business2 + "\"\n  username: sa\n"
                    + "  password: \"${BIZ_TEST_LOG_PASSWORD}\"\n";
            HttpResponse<String> created = http.post("/api/migrations", good);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created).path("phase").asString()).isEqualTo("CREATED");
            assertThat(json(created).path("kind").asString()).isEqualTo("log");
            expect(http.post("/api/migrations", good.replace("id: m1", "id: m2")), 400,
                    "log move 'm1' is in phase CREATED; complete or cancel it first");
            expect(http.post("/api/migrations/m1/cutover", null), 409,
                    "cannot cut over migration 'm1' in phase CREATED; possible in [READY, ROLLED_BACK]");
            expect(http.post("/api/migrations/m1/rollback", null), 409, "cannot roll back migration 'm1' in phase CREATED");
            expect(http.post("/api/migrations/m1/complete", null), 409, "cannot complete migration 'm1' in phase CREATED");
            expect(http.get("/api/migrations/nope"), 404, "no migration 'nope'");
            expect(http.post("/api/migrations/nope/cutover", null), 404, "no migration 'nope'");

            // A log move names no store: a store replay goes on beside it (it used to throw a NullPointerException here).
            HttpResponse<String> replay = http.post("/api/stores/modern/replay", "{\"from\": 0}");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            io.bizmaster.testing.Eventually.await("the replay beside a log move", java.time.Duration.ofMinutes(1),
                    () -> json(http.get("/api/stores/modern/replay")).path("phase").asString().equals("DONE"));

            String everything = http.get("/api/migrations").body();
            assertThat(everything).as("status never shows the password").doesNotContain(secret).contains("\"kind\":\"log\"");
            try (Connection c = context.getBean(javax.sql.DataSource.class).getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT definition FROM migration WHERE id = 'm1'");
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the stored definition").doesNotContain(secret);
            }

            assertThat(json(http.post("/api/migrations/m1/cancel", null)).path("phase").asString()).isEqualTo("CANCELLED");
            expect(http.post("/api/migrations/m1/cutover", null), 409, "in phase CANCELLED");
        }
    }

    private static void expect(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
        System.out.println(status + " " + response.body());
    }
}
