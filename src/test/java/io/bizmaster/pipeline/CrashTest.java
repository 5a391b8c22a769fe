package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestPorts;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the application with SIGKILL in the middle of a stream (no shutdown hook, no graceful stop:
 * whatever was between a database commit and a broker acknowledgement is cut there), starts it again
 * on the same data, and checks that every command is in the log exactly once and applied exactly once.
 */
class CrashTest {

    /** Both runs' output, kept for a look after a failure. */
    private static final Path LOG = Path.of("target", "crash-test-app.log");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killedMidStreamTheApplicationLosesNothingAndAppliesNothingTwice() throws Exception {
        int brokerPort = TestPorts.free();
        int httpPort = TestPorts.free();
        DemoStream stream = DemoStream.generate(20_000, 2_000, 123, "crash");
        int total = stream.messages().size();

        long headAtKill;
        Process first = start(brokerPort, httpPort);
        try {
            awaitUp(first, httpPort);
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort)) {
                new CommandPoster(factory).post(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList());
            }
            Eventually.await("some commands applied before the kill", Duration.ofSeconds(90),
                    () -> head(httpPort) >= 1000);
        } finally {
            headAtKill = head(httpPort);
            first.destroyForcibly().waitFor();
        }
        assertThat(headAtKill).as("killed in the middle of the stream").isLessThan(total);

        Process second = start(brokerPort, httpPort);
        try {
            awaitUp(second, httpPort);
            Eventually.await("every command logged and applied after the kill", Duration.ofMinutes(3), () -> {
                JsonNode stores = stores(httpPort);
                boolean done = stores != null && stores.size() == 2;
                for (JsonNode s : stores == null ? json.createArrayNode() : stores) {
                    done &= s.path("head").asLong() == total && s.path("checkpoint").asLong() == total;
                }
                return done;
            }, () -> String.valueOf(stores(httpPort)));
        } finally {
            second.destroy();
            second.waitFor();
        }

        Map<String, List<Object>> log = DemoStores.rows(h2("bizmaster"), "SELECT seq, command_id, status FROM command_log");
        assertThat(log).hasSize(total);
        Set<Object> acceptedIds = new HashSet<>();
        log.values().stream().filter(row -> "ACCEPTED".equals(row.get(1)))
                .forEach(row -> assertThat(acceptedIds.add(row.get(0))).as("logged once: %s", row.get(0)).isTrue());
        assertThat(acceptedIds).hasSize(stream.valid());
        assertPerKeyOrder();
        DemoStores.assertLegacyMatches(h2("stores/legacy"), stream.model(), "crash");
        DemoStores.assertModernMatches(h2("stores/modern"), stream.model(), "crash");
    }

    /** The log keeps each key's commands in the order they were sent (ids carry the send position). */
    private void assertPerKeyOrder() {
        Map<String, List<Object>> log = DemoStores.rows(h2("bizmaster"),
                "SELECT LPAD(CAST(seq AS VARCHAR), 10, '0'), entity_key, command_id FROM command_log WHERE status = 'ACCEPTED'");
        Map<String, Integer> lastPosition = new java.util.HashMap<>();
        List<String> problems = new ArrayList<>();
        log.forEach((seq, row) -> {
            String key = (String) row.get(0);
            int position = Integer.parseInt(((String) row.get(1)).substring("crash-".length()));
            Integer previous = lastPosition.put(key, position);
            if (previous != null && previous > position && problems.size() < 20) {
                problems.add("key " + key + ": command crash-" + position + " logged at seq " + Long.parseLong(seq)
                        + " after crash-" + previous);
            }
        });
        assertThat(problems).as("per-key order in the command log").isEmpty();
    }

    private Process start(int brokerPort, int httpPort) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.bizmaster.BizMaster", "run",
                "--bizmaster.broker.port=" + brokerPort,
                "--bizmaster.broker.data-dir=" + data.resolve("artemis"),
                "--server.port=" + httpPort,
                "--spring.datasource.url=" + h2Url("bizmaster"),
                "--bizmaster.stores.legacy.options.url=" + h2Url("stores/legacy"),
                "--bizmaster.stores.modern.options.url=" + h2Url("stores/modern")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    private void awaitUp(Process process, int httpPort) {
        Eventually.await("the application up", Duration.ofSeconds(90), () -> {
            assertThat(process.isAlive()).as("application process alive (see " + LOG + ")").isTrue();
            return stores(httpPort) != null;
        });
    }

    private long head(int httpPort) {
        JsonNode stores = stores(httpPort);
        return stores == null || stores.isEmpty() ? 0 : stores.get(0).path("head").asLong();
    }

    private JsonNode stores(int httpPort) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/stores")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private String h2Url(String name) {
        return "jdbc:h2:file:" + data.resolve(name) + ";WRITE_DELAY=0";
    }

    private JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url(name));
        dataSource.setUser("sa");
        return dataSource;
    }
}
