package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A migration whose target's converter is wrong never gets READY, and its status says why in terms an operator can
 * act on: the first differences with both stores' values, and what to do about them.
 */
class MigrationVerificationFailureTest {

    @TempDir
    Path data;

    @Test
    void aFailedVerificationShowsTheFirstDifferencesAndWhatToDo() throws Exception {
        Path converters = data.resolve("converters");
        try (var files = Files.walk(Path.of("converters"))) {
            for (Path file : files.toList()) {
                Path copy = converters.resolve(Path.of("converters").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        // A converter version with a bug: first names upper-cased.
        Files.writeString(converters.resolve("modern/v9.yaml"), Files.readString(converters.resolve("modern/v1.yaml"))
                .replace("version: 1", "version: 9").replace("first_name: split(payload.name, ' ', 0)",
                        "first_name: upper(split(payload.name, ' ', 0))"));
        DemoStream stream = DemoStream.generate(1_000, 40, 3, "vf");
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data)
                .with("bizmaster.converters-dir", converters).start()) {
            context.getBean(CommandPoster.class).post(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList());
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            CommandLog log = context.getBean(CommandLog.class);
            Eventually.await("the stream applied", Duration.ofMinutes(1),
                    () -> log.head() == 1_000 && stores.get("legacy").knownCheckpoint() == 1_000);
            Http http = Http.of(context);
            assertThat(http.post("/api/migrations", "id: buggy\nsource: legacy\ntarget: modern2\nconverter: modern@9\n"
                    + "backfill: replay\n").statusCode()).isEqualTo(201);

            JsonNode[] last = new JsonNode[1];
            Eventually.await("the verification to fail", Duration.ofMinutes(2), () -> {
                last[0] = MigrationTestSupport.status(http, "buggy");
                return last[0].path("verification").asString().startsWith("failed");
            }, () -> String.valueOf(last[0]));
            JsonNode status = last[0];
            assertThat(status.path("phase").asString()).isEqualTo("SHADOWING");
            String verification = status.path("verification").asString();
            assertThat(verification).startsWith("failed: DIFFERENT").contains("; first: customer vf-C");
            // Both sides' values of the differing column, named by store.
            assertThat(verification).containsPattern("name '[^']+' \\(legacy\\) vs '[^']+' \\(modern2\\)");
            String customer = verification.replaceAll("(?s).*first: customer (vf-C[0-9]+): name '([^']+)'.*", "$1");
            String legacyName = verification.replaceAll("(?s).*first: customer vf-C[0-9]+: name '([^']+)'.*", "$1");
            assertThat(verification).contains("(legacy) vs '" + legacyName.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT));
            assertThat(customer).isNotBlank();
            assertThat(status.path("message").asString()).contains("verification failed", "migrate cancel buggy",
                    "declare the rule in its projections", "verify legacy modern2");
        }
    }
}
