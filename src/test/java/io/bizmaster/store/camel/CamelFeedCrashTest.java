package io.bizmaster.store.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The {@code camel} connector's promise across a SIGKILL, stated as it is: at-least-once. Every change of every
 * command arrives with its stable id; what was sent but not yet checkpointed when the process died is sent again
 * with the same id (counted and printed: receivers de-duplicate by it), and every copy of an id is the same message.
 */
class CamelFeedCrashTest {

    private static final Path LOG = Path.of("target", "camel-feed-crash-app.log");

    @TempDir
    Path data;

    @Test
    void killedMidStreamTheFeedDeliversEveryChangeAtLeastOnceUnderItsStableId() throws Exception {
        Path out = data.resolve("feed-out");
        ChildApplication child = new ChildApplication(data, LOG, List.of(
                "--bizmaster.stores.feed.role=shadow",
                "--bizmaster.stores.feed.converter=cache@1",
                "--bizmaster.stores.feed.connector=camel",
                "--bizmaster.stores.feed.options.uri=file:" + out + "?fileExist=Append"));
        DemoStream stream = DemoStream.generate(10_000, 1_000, 77, "feedcrash");
        int total = stream.messages().size();

        long checkpointAtKill = child.killMidStreamAndRecover(stream, () -> child.checkpoint("feed"), 1_000);
        assertThat(checkpointAtKill).as("killed in the middle of the stream").isLessThan(total);

        BConverter cache = new ConverterRegistry(Path.of("converters"), List.of()).get("cache@1");
        Set<String> expected = new TreeSet<>();
        DemoStores.rows(child.h2("bizmaster"), "SELECT seq, type, status FROM command_log").forEach((seq, row) -> {
            if ("ACCEPTED".equals(row.get(1)) && cache.handles((String) row.get(0))) {
                expected.add("feed-" + seq + "-0");
            }
        });
        Map<String, List<JsonNode>> received = CamelStoreTest.received(out);
        assertThat(received.keySet()).as("every change delivered, nothing else").isEqualTo(expected);
        long duplicates = 0;
        for (Map.Entry<String, List<JsonNode>> message : received.entrySet()) {
            assertThat(message.getValue()).as("every copy of " + message.getKey() + " is the same message")
                    .allSatisfy(copy -> assertThat(copy).isEqualTo(message.getValue().get(0)));
            duplicates += message.getValue().size() - 1;
        }
        System.out.printf("camel feed across a SIGKILL at checkpoint %,d of %,d: %,d messages, %,d sent again "
                + "(same id) after the restart%n", checkpointAtKill, total, received.size(), duplicates);
    }
}
