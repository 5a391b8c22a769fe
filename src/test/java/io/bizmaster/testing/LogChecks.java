package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every migration test ends with: each posted command in the log exactly once, in per-key order. */
public final class LogChecks {

    private LogChecks() {
    }

    public static List<LogEntry> all(CommandLog log) {
        List<LogEntry> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            List<LogEntry> page = log.readAfter(after, 5_000);
            if (page.isEmpty()) {
                return entries;
            }
            entries.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
    }

    /**
     * Waits until every posted message is in the log and every store has applied up to its head, then checks the
     * log: what every migration test ends with before comparing the stores with the model.
     */
    public static void awaitAllAppliedExactlyOnce(CommandLog log, StoreStatusService status, DemoStream stream, String run,
                                           Duration timeout) {
        long total = stream.messages().size();
        Eventually.await("every store at the head", timeout,
                () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                () -> "head " + log.head() + ", " + status.all());
        assertExactlyOnceInOrder(log, stream, run);
    }

    /** Every valid command of the run accepted once; keys' commands logged in the order they were posted. */
    public static void assertExactlyOnceInOrder(CommandLog log, DemoStream stream, String run) {
        List<LogEntry> entries = all(log).stream()
                .filter(e -> e.accepted() && e.commandId() != null && e.commandId().startsWith(run + "-")).toList();
        Set<String> ids = new HashSet<>();
        for (LogEntry e : entries) {
            assertThat(ids.add(e.commandId())).as("command %s logged once (seq %s)", e.commandId(), e.seq()).isTrue();
        }
        assertThat(ids).as("accepted commands of run %s", run).hasSize(stream.valid());
        Map<String, Integer> lastIndexByKey = new HashMap<>();
        for (LogEntry e : entries) {
            int index = Integer.parseInt(e.commandId().substring(run.length() + 1));
            Integer before = lastIndexByKey.put(e.key(), index);
            assertThat(before == null || before < index)
                    .as("key %s: command %s (seq %s) logged after a later command of the key", e.key(), e.commandId(), e.seq())
                    .isTrue();
        }
    }

    public static long seqOf(CommandLog log, String commandId) {
        return log.byCommandId(commandId).stream().filter(LogEntry::accepted).findFirst().orElseThrow().seq();
    }
}
