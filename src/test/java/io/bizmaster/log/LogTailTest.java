package io.bizmaster.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.ExternalDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stores read their next commands from the log's in-memory tail: it must never show a gap or a wrong entry. */
class LogTailTest {

    @Test
    void servesOnlyAWindowOfConsecutiveEntries() {
        LogTail tail = new LogTail(4);
        tail.committed(entries(1, 6));
        assertThat(tail.after(0, 10)).as("seq 1 and 2 fell out of a 4-entry window").isNull();
        assertThat(seqs(tail.after(2, 10))).containsExactly(3L, 4L, 5L, 6L);
        assertThat(seqs(tail.after(3, 2))).containsExactly(4L, 5L);
        assertThat(tail.after(6, 10)).as("nothing after the last append").isNull();

        // Another instance appended 7..9: the window restarts at 10 and never bridges the gap.
        tail.committed(entries(10, 11));
        assertThat(tail.after(6, 10)).isNull();
        assertThat(tail.after(8, 10)).isNull();
        assertThat(seqs(tail.after(9, 10))).containsExactly(10L, 11L);

        assertThat(new LogTail(0).after(0, 10)).as("a tail of size 0 serves nothing").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL"})
    void entriesFromMemoryEqualTheEntriesInTheLog(Dialect dialect) {
        DataSource businessStore = ExternalDatabases.fresh(dialect);
        Flyway.configure().dataSource(businessStore).locations("classpath:db/log").load().migrate();
        CommandLog log = new CommandLog(businessStore, 1000);
        Instant issued = Instant.parse("2026-11-23T10:15:30.123456Z");
        List<NewEntry> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String body = "{\"id\":\"t-" + i + "\",\"type\":\"customer.renamed\",\"key\":\"Ç-" + i % 7 + "\","
                    + "\"payload\":{\"name\":\"Zoë 名前 \uD83D\uDE00  \"}}";
            batch.add(i % 50 == 49
                    ? new NewEntry("t-" + i, "m-" + i, "customer.renamed", "k", null, null, CommandStatus.REJECTED,
                            "payload.name: too long", body)
                    : NewEntry.accepted("t-" + i, "m-" + i, "customer.renamed", "Ç-" + i % 7, i % 3 == 0 ? null : "crm",
                            issued.plus(i, ChronoUnit.MICROS), body));
        }
        batch.add(batch.get(3));
        log.appendAll(batch.subList(0, 120));
        log.appendAll(batch.subList(120, batch.size()));

        List<LogEntry> fromMemory = log.nextToApply(0, 1000);
        List<LogEntry> fromDatabase = log.readAfter(0, 1000);
        assertThat(fromDatabase).hasSize(300);
        assertThat(fromMemory).as("the duplicate is not appended, in memory or in the log").isEqualTo(fromDatabase);
        assertThat(log.nextToApply(250, 20)).isEqualTo(log.readAfter(250, 20));
        assertThat(log.nextToApply(300, 20)).as("at the head: from the database, which has nothing more").isEmpty();
    }

    /**
     * Two instances append to one log at the same time (the intake on every instance): each one's tail holds only
     * what it committed, so a reader at any seq gets from memory exactly what the database holds, never a seq of the
     * other writer skipped.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL"})
    void withTwoWritersEachTailServesOnlyWhatTheDatabaseHolds(Dialect dialect) throws Exception {
        DataSource businessStore = ExternalDatabases.fresh(dialect);
        Flyway.configure().dataSource(businessStore).locations("classpath:db/log").load().migrate();
        CommandLog one = new CommandLog(businessStore, 1000);
        CommandLog two = new CommandLog(businessStore, 1000);
        Instant issued = Instant.parse("2026-11-23T10:15:30Z");
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (CommandLog writer : List.of(one, two)) {
                String name = writer == one ? "one" : "two";
                done.add(writers.submit(() -> {
                    for (int batch = 0; batch < 40; batch++) {
                        List<NewEntry> entries = new ArrayList<>();
                        for (int i = 0; i < 1 + batch % 7; i++) {
                            String id = name + "-" + batch + "-" + i;
                            entries.add(NewEntry.accepted(id, "m-" + id, "customer.renamed", "k" + i, null, issued,
                                    "{\"id\":\"" + id + "\"}"));
                        }
                        writer.appendAll(entries);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        long head = one.head();
        assertThat(head).isEqualTo(2 * (40 / 7 * 28 + java.util.stream.IntStream.range(0, 40 % 7).map(i -> i + 1).sum()));
        List<LogEntry> all = one.readAfter(0, (int) head);
        assertThat(seqs(all)).isEqualTo(LongStream.rangeClosed(1, head).boxed().toList());
        for (CommandLog reader : List.of(one, two)) {
            for (long at = 0; at < head; at += 3) {
                // From memory possibly fewer (its window ends where the other writer's commands begin), never a gap.
                List<LogEntry> next = reader.nextToApply(at, 50);
                assertThat(next).as("from seq %d", at).isNotEmpty().isEqualTo(one.readAfter(at, next.size()));
            }
        }
    }

    private static List<LogEntry> entries(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> new LogEntry(seq, "c" + seq, "t", "k", null, null,
                Instant.EPOCH, CommandStatus.ACCEPTED, null, "{}")).toList();
    }

    private static List<Long> seqs(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::seq).toList();
    }
}
