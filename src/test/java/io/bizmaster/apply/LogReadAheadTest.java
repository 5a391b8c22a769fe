package io.bizmaster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import io.bizmaster.log.NewEntry;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.ExternalDatabases;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store catching up reads its next batch ahead: what it is given must be exactly what a read of the log gives, never
 * an end of the log that a read ahead saw before the log grew, and never a batch for a place the store has left.
 */
class LogReadAheadTest {

    @Test
    void aBatchReadAheadIsTheLogsBatchAndNeverAnEndTheLogHasGrownPast() {
        DataSource businessStore = ExternalDatabases.fresh(Dialect.H2);
        Flyway.configure().dataSource(businessStore).locations("classpath:db/log").load().migrate();
        CommandLog log = new CommandLog(businessStore);
        append(log, 1, 10);
        // Read ahead on the caller's thread: each read ahead happens when it is asked for, before the next append.
        LogReadAhead readAhead = new LogReadAhead(log, new LoggedCommands(), Runnable::run);

        assertThat(seqs(readAhead.next("s", 0, 5))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(readAhead.next("s", 5, 5)).as("read ahead: the same entries as the log's").isEqualTo(log.readAfter(5, 5));
        // 6..10 was full, so 11.. was read ahead while the log ended at 10; then the log grew.
        append(log, 11, 13);
        assertThat(seqs(readAhead.next("s", 10, 5))).as("not the empty batch read ahead before the log grew")
                .containsExactly(11L, 12L, 13L);

        assertThat(seqs(readAhead.next("s", 0, 5))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(readAhead.next("s", 0, 3))).as("a replay from 0: not the batch read ahead after 5")
                .containsExactly(1L, 2L, 3L);
        assertThat(seqs(readAhead.next("t", 3, 10))).as("another store's batch is its own").containsExactly(4L, 5L, 6L,
                7L, 8L, 9L, 10L, 11L, 12L, 13L);
    }

    private static void append(CommandLog log, int from, int to) {
        log.appendAll(IntStream.rangeClosed(from, to).mapToObj(i -> NewEntry.accepted("c-" + i, "m-" + i,
                "customer.renamed", "k-" + i % 3, null, Instant.EPOCH,
                "{\"id\":\"c-" + i + "\",\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{\"name\":\"N" + i + "\"}}"))
                .toList());
    }

    private static List<Long> seqs(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::seq).toList();
    }
}
