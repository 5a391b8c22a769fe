package io.bizmaster.store.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A write-only store on the {@code camel} connector, fed in parallel with the demo's two relational stores: every
 * change of every command the converter handles arrives at the endpoint (here {@code file:}, one file per message id,
 * appended to if sent twice) with its stable id; the store's checkpoint reaches the head; verification and replay
 * refuse it and say why.
 */
class CamelStoreTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void aFeedReceivesEveryChangeOnceWithAStableIdAndSaysItCannotBeVerified() throws Exception {
        Path out = data.resolve("feed-out");
        String run = "feed";
        DemoStream stream = DemoStream.generate(2_000, 100, 17, run);
        try (ConfigurableApplicationContext context = withFeed(data, out).start()) {
            context.getBean(CommandPoster.class).post(stream.messages().stream()
                    .map(m -> CommandSplitter.split(m).get(0)).toList());
            LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                    context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));

            Map<String, List<JsonNode>> received = received(out);
            BConverter converter = context.getBean(ConverterRegistry.class).get("cache@1");
            List<String> expected = new ArrayList<>();
            for (LogEntry entry : LogChecks.all(context.getBean(CommandLog.class))) {
                if (entry.accepted() && converter.handles(entry.type())) {
                    expected.add("feed-" + entry.seq() + "-0");
                }
            }
            assertThat(received.keySet()).as("one message per change, named by its id").containsExactlyInAnyOrderElementsOf(expected);
            received.forEach((id, copies) -> {
                assertThat(copies).as(id + " sent once in a run without failures").hasSize(1);
                JsonNode message = copies.get(0);
                assertThat(message.path("id").asString()).isEqualTo(id);
                assertThat(message.path("store").asString()).isEqualTo("feed");
                assertThat(id).isEqualTo("feed-" + message.path("seq").asLong() + "-0");
            });
            String customer = stream.model().customers().keySet().iterator().next();
            JsonNode registered = received.values().stream().map(c -> c.get(0))
                    .filter(m -> m.path("key").asString().equals(customer) && m.path("change").asString().equals("upsert"))
                    .findFirst().orElseThrow();
            assertThat(registered.path("entity").asString()).isEqualTo("customer");
            assertThat(registered.path("fields").path("name").isString()).as(registered.toString()).isTrue();
            assertThat(registered.path("commandId").asString()).startsWith(run);

            ApiClient api = ApiClient.operator(context.getEnvironment());
            JsonNode status = api.getJson("/api/stores/feed");
            assertThat(status.path("connector").asString()).isEqualTo("camel");
            assertThat(status.path("checkpoint").asLong()).isEqualTo(stream.messages().size());
            assertThat(status.path("delivery").asString()).isEqualTo("at-least-once");
            assertThat(status.path("verifiable").asBoolean()).isFalse();
            assertThat(api.getJson("/api/stores/legacy").path("delivery").asString()).isEqualTo("exactly-once");

            var verification = api.post("/api/verifications", "{\"source\": \"legacy\", \"target\": \"feed\"}");
            assertThat(verification.getStatus().value()).as(verification.getResponseBody()).isEqualTo(400);
            assertThat(verification.getResponseBody()).contains("store feed is on connector 'camel', which is write-only");
            var replay = api.post("/api/stores/feed/replay", "{\"from\": 0}");
            assertThat(replay.getStatus().value()).as(replay.getResponseBody()).isEqualTo(409);
            assertThat(replay.getResponseBody()).contains("on connector 'camel', which cannot be emptied or rewound");
        }
    }

    /** The embedded default in {@code folder} with a third store 'feed' writing files into {@code out}. */
    static TestApplication withFeed(Path folder, Path out) {
        return TestApplication.inFolder(folder)
                .with("bizmaster.stores.feed.role", "shadow")
                .with("bizmaster.stores.feed.converter", "cache@1")
                .with("bizmaster.stores.feed.connector", "camel")
                // A message sent twice is appended to its file: the duplicates are counted, not overwritten.
                .with("bizmaster.stores.feed.options.uri", "file:" + out + "?fileExist=Append");
    }

    /** The messages in each file, by file name (the message id). */
    static Map<String, List<JsonNode>> received(Path out) throws IOException {
        Map<String, List<JsonNode>> received = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return received;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                List<JsonNode> copies = new ArrayList<>();
                try (var parser = JSON.createParser(Files.readString(file))) {
                    var values = JSON.readValues(parser, JsonNode.class);
                    while (values.hasNext()) {
                        copies.add(values.next());
                    }
                }
                received.put(file.getFileName().toString(), copies);
            }
        }
        return received;
    }
}
