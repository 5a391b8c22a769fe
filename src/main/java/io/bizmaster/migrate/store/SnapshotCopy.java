package io.bizmaster.migrate.store;

import io.bizmaster.backfill.BackfillPacer;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.migrate.RowMapping;
import io.bizmaster.store.Store;
import io.bizmaster.store.jdbc.ParkedCommands;
import io.bizmaster.store.jdbc.StoreSnapshot;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the source's rows into the target through the declared row mappings, all read in one consistent
 * snapshot of the source at its checkpoint N, written in chunks. Progress is recorded after every chunk.
 * Between chunks it waits while the primary lags beyond the limit, and as long as {@code max-rate} asks (the
 * snapshot stays open meanwhile).
 *
 * <p>A copy cut short (a restart) starts again in a new snapshot, not at the recorded position: rows copied
 * as of one seq cannot be continued as of another without replaying, per row, what changed in between.
 */
final class SnapshotCopy {

    interface Progress {
        /** Called with the snapshot's seq and the rows to copy, before the first chunk. */
        void started(long seq, long rows);

        void copied(String table, Object lastKey, long rows);

        /** The primary lags: the copy waits. */
        void throttled(long lag);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopy.class);

    private final LagThrottler throttler;

    SnapshotCopy(LagThrottler throttler) {
        this.throttler = throttler;
    }

    /** Returns N, the seq the target now holds; or -1 if stopped before the end (the copy must start again). */
    long copy(String migrationId, Store source, Store target, List<RowMapping> mappings, int chunk, long throttleLag,
              BackfillPacer pacer, BooleanSupplier stopping, Progress progress) throws SQLException, InterruptedException {
        BatchWriter writer = new BatchWriter(target);
        writer.clear(mappings);
        try (StoreSnapshot snapshot = StoreSnapshot.open(source.dataSource(), source.name(), true)) {
            long seq = snapshot.seq();
            long total = 0;
            for (RowMapping mapping : mappings) {
                total += new DataIterator(snapshot.connection(), mapping, chunk).count();
            }
            progress.started(seq, total);
            LOG.info("Migration '{}': snapshot of '{}' at seq {}: {} rows to copy into '{}'", migrationId, source.name(), seq,
                    total, target.name());
            long copied = 0;
            for (RowMapping mapping : mappings) {
                try (DataIterator rows = new DataIterator(snapshot.connection(), mapping, chunk)) {
                    while (true) {
                        if (stopping.getAsBoolean()) {
                            return -1;
                        }
                        long lag;
                        while ((lag = throttler.primaryLag()) > throttleLag && !stopping.getAsBoolean()) {
                            progress.throttled(lag);
                            Thread.sleep(200);
                        }
                        if (!pacer.awaitStart(stopping)) {
                            return -1;
                        }
                        List<Object[]> chunkRows = rows.next();
                        if (chunkRows.isEmpty()) {
                            break;
                        }
                        writer.write(mapping, rows.columns(), chunkRows);
                        pacer.wrote(chunkRows.size());
                        copied += chunkRows.size();
                        progress.copied(mapping.table(), rows.lastKey(), copied);
                    }
                }
            }
            writer.finish(seq, ParkedCommands.list(snapshot.connection(), source.name(), null, true, 0, Integer.MAX_VALUE));
            return seq;
        }
    }
}
