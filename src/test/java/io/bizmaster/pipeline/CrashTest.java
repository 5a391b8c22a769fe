package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Test
    void killedMidStreamTheApplicationLosesNothingAndAppliesNothingTwice() throws Exception {
        ChildApplication child = new ChildApplication(data, LOG, List.of());
        DemoStream stream = DemoStream.generate(20_000, 2_000, 123, "crash");
        int total = stream.messages().size();

        long headAtKill = child.killMidStreamAndRecover(stream, child::head, 1_000);
        assertThat(headAtKill).as("killed in the middle of the stream").isLessThan(total);

        Map<String, List<Object>> log = DemoStores.rows(child.h2("bizmaster"), "SELECT seq, command_id, status FROM command_log");
        assertThat(log).hasSize(total);
        Set<Object> acceptedIds = new HashSet<>();
        log.values().stream().filter(row -> "ACCEPTED".equals(row.get(1)))
                .forEach(row -> assertThat(acceptedIds.add(row.get(0))).as("logged once: %s", row.get(0)).isTrue());
        assertThat(acceptedIds).hasSize(stream.valid());
        assertPerKeyOrder(child);
        DemoStores.assertLegacyMatches(child.h2("stores/legacy"), stream.model(), "crash");
        DemoStores.assertModernMatches(child.h2("stores/modern"), stream.model(), "crash");
    }

    /** The log keeps each key's commands in the order they were sent (ids carry the send position). */
    private void assertPerKeyOrder(ChildApplication child) {
        Map<String, List<Object>> log = DemoStores.rows(child.h2("bizmaster"),
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
}
