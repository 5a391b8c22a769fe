package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a user who edits routes/ does: the real route files, with a step of their own added to the store-apply template
 * between its convert and write steps (an audit log line per batch). Every batch of every store passes through it, in
 * seq order and without a gap, before it is written; the stores still end equal to the model, each command once.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreRouteStepTest {

    private static final String CONVERT_STEP = """
                                  - process:
                                      id: convert
                                      ref: bConverter
            """;

    @TempDir
    Path data;

    @Test
    void aStepAddedBetweenConvertAndWriteSeesEveryBatchInOrder(CapturedOutput output) throws Exception {
        Path routes = Files.createDirectories(data.resolve("my-routes"));
        for (String file : List.of("intake.camel.yaml", "error-handling.camel.yaml", "store-apply.camel.yaml")) {
            Files.copy(Path.of("routes", file), routes.resolve(file));
        }
        String template = Files.readString(routes.resolve("store-apply.camel.yaml"));
        assertThat(template).as("the template's convert step, where the user's step goes after").contains(CONVERT_STEP);
        Files.writeString(routes.resolve("store-apply.camel.yaml"), template.replace(CONVERT_STEP, CONVERT_STEP + """
                                  - log:
                                      id: audit
                                      logName: audit
                                      message: "audit ${body}"
            """));

        String run = "step";
        DemoStream stream = DemoStream.generate(3_000, 200, 29, run);
        try (ConfigurableApplicationContext context = TestApplication.inFolder(data)
                .with("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml")
                // Loggers outside io.bizmaster log warnings only by default: the user turns theirs on.
                .with("logging.level.audit", "INFO")
                .with("bizmaster.apply-batch", 200).start()) {
            context.getBean(CommandPoster.class).post(stream.messages().stream()
                    .map(m -> CommandSplitter.split(m).get(0)).toList());
            LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                    context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
        }

        // "audit store legacy: seq 1..200 (200 commands), converted": each store's batches, as the step saw them.
        Matcher audited = Pattern.compile("audit store (\\w+): seq (\\d+)\\.\\.(\\d+) \\((\\d+) commands\\), converted")
                .matcher(output.getOut());
        Map<String, List<long[]>> batches = new TreeMap<>();
        while (audited.find()) {
            batches.computeIfAbsent(audited.group(1), s -> new ArrayList<>())
                    .add(new long[] {Long.parseLong(audited.group(2)), Long.parseLong(audited.group(3))});
        }
        assertThat(batches).containsOnlyKeys("legacy", "modern");
        int total = stream.messages().size();
        batches.forEach((store, seen) -> {
            long next = 1;
            for (long[] batch : seen) {
                assertThat(batch[0]).as("store %s: the batch after seq %d", store, next - 1).isEqualTo(next);
                assertThat(batch[1] - batch[0] + 1).as("store %s: at most bizmaster.apply-batch commands", store)
                        .isBetween(1L, 200L);
                next = batch[1] + 1;
            }
            assertThat(next - 1).as("store %s: the step saw every seq up to the head", store).isEqualTo(total);
            assertThat(seen.size()).as("store %s: batched", store).isGreaterThanOrEqualTo(total / 200);
        });
    }
}
