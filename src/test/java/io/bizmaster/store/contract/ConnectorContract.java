package io.bizmaster.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * What every connector that keeps a store must pass (docs/CONNECTORS.md, "The contract"), run against each by a
 * subclass that says how to reach a fresh store and how to read it back: a store {@code subject} on the connector,
 * fed beside the demo's two stores.
 *
 * <ul>
 *   <li>every command applied once and in its key's order (renames end on the last name; credits add up once),
 *       equal to the model read straight from the store, and verified EQUAL against {@code legacy} through the
 *       converters' projections;</li>
 *   <li>a replay from 0 empties only what the converter owns (a stale row of its own goes, a foreign one stays)
 *       and rebuilds it equal;</li>
 *   <li>the changes and the checkpoint atomic across a SIGKILL in the middle of a stream: after the restart the
 *       store is at the head and equal to the model, nothing lost, nothing applied twice.</li>
 * </ul>
 */
public abstract class ConnectorContract {

    @TempDir
    protected Path data;

    /** The connector's name. */
    protected abstract String connector();

    /** A converter of the demo's commands that this kind of store takes, with projections. */
    protected abstract String converter();

    /** Options reaching a fresh, empty store for this test (called once per test). */
    protected abstract Map<String, String> options();

    /** Reads the store directly (not through BizMaster) and compares it with the model. */
    protected abstract void assertMatches(DemoModel model, String run);

    /** Puts a stale entry of the converter's own and one that is not the converter's into the store. */
    protected abstract void plantStaleAndForeign(String run);

    /** The stale entry is gone, the foreign one is still there. */
    protected abstract void assertStaleGoneAndForeignKept(String run);

    @Test
    void appliesEveryCommandOnceInItsKeysOrderAndVerifiesEqual() throws Exception {
        String run = "contract-" + connector();
        DemoStream stream = DemoStream.generate(3_000, 150, 51, run);
        try (ConfigurableApplicationContext context = fed(stream, run)) {
            assertMatches(stream.model(), run);
            JsonNode report = ApiClient.operator(context.getEnvironment()).verify("legacy", "subject");
            assertThat(report.path("outcome").asString()).as(report.toString()).isEqualTo("EQUAL");
            assertThat(report.path("matched").asLong()).isEqualTo(stream.model().customers().size()
                    + stream.model().orders().size());
        }
    }

    @Test
    void aReplayFromZeroEmptiesOnlyWhatTheConverterOwnsAndRebuildsIt() throws Exception {
        String run = "contract-replay-" + connector();
        DemoStream stream = DemoStream.generate(2_000, 100, 52, run);
        try (ConfigurableApplicationContext context = fed(stream, run)) {
            plantStaleAndForeign(run);
            ApiClient api = ApiClient.operator(context.getEnvironment());
            api.postOk("/api/stores/subject/replay", "{\"from\": 0}", 202);
            JsonNode[] last = new JsonNode[1];
            Eventually.await("the replay of the subject", Duration.ofMinutes(2), () -> {
                last[0] = api.getJson("/api/stores/subject/replay");
                return last[0].path("phase").asString().matches("DONE|FAILED");
            }, () -> String.valueOf(last[0]));
            assertThat(last[0].path("phase").asString()).as(String.valueOf(last[0])).isEqualTo("DONE");
            assertStaleGoneAndForeignKept(run);
            assertMatches(stream.model(), run);
            JsonNode report = api.verify("legacy", "subject");
            assertThat(report.path("outcome").asString()).as(report.toString()).isEqualTo("EQUAL");
        }
    }

    @Test
    void killedMidStreamTheStoreLosesNothingAndAppliesNothingTwice() throws Exception {
        String run = "contract-kill-" + connector();
        List<String> settings = new ArrayList<>(List.of("--bizmaster.stores.subject.role=shadow",
                "--bizmaster.stores.subject.converter=" + converter(),
                "--bizmaster.stores.subject.connector=" + connector()));
        options().forEach((name, value) -> settings.add("--bizmaster.stores.subject.options." + name + "=" + value));
        ChildApplication child = new ChildApplication(data, Path.of("target", "contract-" + getClass().getSimpleName()
                + ".log"), settings);
        DemoStream stream = DemoStream.generate(8_000, 800, 53, run);
        int total = stream.messages().size();
        long atKill = child.killMidStreamAndRecover(stream, () -> child.checkpoint("subject"), 1_000);
        assertThat(atKill).as("killed in the middle of the stream").isLessThan(total);
        assertMatches(stream.model(), run);
        System.out.printf("%s: killed at checkpoint %,d of %,d; after the restart at the head and equal to the model%n",
                getClass().getSimpleName(), atKill, total);
    }

    private TestApplication withSubject(TestApplication app) {
        app.with("bizmaster.stores.subject.role", "shadow")
                .with("bizmaster.stores.subject.converter", converter())
                .with("bizmaster.stores.subject.connector", connector());
        options().forEach((name, value) -> app.with("bizmaster.stores.subject.options." + name, value));
        return app;
    }

    /** BizMaster with the subject beside the demo's stores, the stream posted and applied everywhere. */
    private ConfigurableApplicationContext fed(DemoStream stream, String run) throws Exception {
        ConfigurableApplicationContext context = withSubject(TestApplication.inFolder(data)).start();
        try {
            context.getBean(CommandPoster.class).post(stream.messages().stream()
                    .map(m -> CommandSplitter.split(m).get(0)).toList());
            LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                    context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
            return context;
        } catch (Exception | AssertionError e) {
            context.close();
            throw e;
        }
    }
}
