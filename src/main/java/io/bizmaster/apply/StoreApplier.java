package io.bizmaster.apply;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.convert.StoreSession;
import io.bizmaster.convert.YamlConverter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.Checkpoints;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store up to a sequence number. A message on the store's queue only says "the log has reached
 * seq N": the commands themselves are read from the command log, in order, from the store's checkpoint on.
 * So a redelivery that overtakes, a crash that leaves a gap or a queue bound late can never make a store
 * skip a number; and a store that is behind catches up in batches of many commands per transaction,
 * each batch committing its changes and the new checkpoint together.
 */
public class StoreApplier {

    private static final Logger LOG = LoggerFactory.getLogger(StoreApplier.class);

    private final StoreRegistry stores;
    private final CommandLog log;
    private final ConverterRegistry converters;
    private final ApplyFailures failures;
    private final List<ApplyListener> listeners;
    private final LoggedCommands loggedCommands = new LoggedCommands();
    private final int batchSize;

    public StoreApplier(StoreRegistry stores, CommandLog log, ConverterRegistry converters, ApplyFailures failures,
                        List<ApplyListener> listeners, int batchSize) {
        this.stores = stores;
        this.log = log;
        this.converters = converters;
        this.failures = failures;
        this.listeners = List.copyOf(listeners);
        this.batchSize = batchSize;
    }

    /**
     * Applies every logged command up to {@code seq} that the store has not applied yet. Returns the store's
     * checkpoint afterwards (lower than {@code seq} only if the store was paused meanwhile).
     */
    public long apply(String storeName, long seq) throws SQLException {
        Store store = stores.get(storeName);
        if (seq <= store.knownCheckpoint()) {
            return store.knownCheckpoint();
        }
        stores.prepare(store);
        long checkpoint = store.knownCheckpoint();
        while (checkpoint < seq && !store.paused()) {
            long reached = applyBatch(store, batchSize);
            if (reached == checkpoint) {
                LOG.warn("Store '{}' was told the log reached seq {}, but the command log ends at {}", storeName, seq,
                        reached);
                break;
            }
            checkpoint = reached;
        }
        failures.passed(store.name(), checkpoint);
        return checkpoint;
    }

    /**
     * One batch for a replay, which holds the store paused (its route stopped) while it rebuilds it from the log,
     * so {@link #apply} would not move. The same batch as the route's: changes and checkpoint commit together.
     * Returns the checkpoint afterwards; unchanged when the log has nothing after it.
     */
    public long replayBatch(String storeName, long upTo) throws SQLException {
        Store store = stores.get(storeName);
        stores.prepare(store);
        long known = store.knownCheckpoint();
        int limit = known < 0 ? batchSize : (int) Math.max(1, Math.min(batchSize, upTo - known));
        long reached = applyBatch(store, limit);
        failures.passed(store.name(), reached);
        return reached;
    }

    /**
     * Applies up to {@code limit} logged commands after the checkpoint in one transaction, statements sent in
     * JDBC batches. A failure there cannot be pinned on one command, so the same commands are applied again
     * one statement at a time, which either succeeds or stops exactly at the failing command.
     */
    private long applyBatch(Store store, int limit) throws SQLException {
        try {
            return applyBatch(store, limit, true);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("store '{}': a batched apply failed ({}); applying one statement at a time", store.name(),
                    e.getMessage());
            return applyBatch(store, limit, false);
        }
    }

    private long applyBatch(Store store, int limit, boolean batching) throws SQLException {
        BConverter converter = converters.get(store.converter());
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (StoreSession session = new StoreSession(store.name(), c, store.dialect(), batching)) {
                long checkpoint = Checkpoints.lock(c, store.name());
                List<LogEntry> entries = log.nextToApply(checkpoint, limit);
                long last = checkpoint;
                for (LogEntry entry : entries) {
                    if (entry.seq() != last + 1) {
                        throw new IllegalStateException("the command log has no entry at seq " + (last + 1)
                                + " (next is " + entry.seq() + "): store '" + store.name() + "' cannot go past a hole");
                    }
                    try {
                        if (entry.accepted() && converter.handles(entry.type())) {
                            converter.apply(readFor(converter, entry), session);
                        }
                    } catch (SQLException | RuntimeException e) {
                        if (batching) {
                            throw e;
                        }
                        c.rollback();
                        throw failedAt(store, entry, entries.indexOf(entry), e);
                    }
                    last = entry.seq();
                }
                session.flush();
                Checkpoints.advance(c, store.name(), last);
                c.commit();
                store.checkpointSeen(last);
                if (!entries.isEmpty()) {
                    tell(store, entries);
                }
                return last;
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    /**
     * The command as the converter gets it. Stores share one parsed command; the YAML converters only read it,
     * a Java converter gets its own copy of the payload, so whatever it does to it cannot reach another store.
     */
    private SequencedCommand readFor(BConverter converter, LogEntry entry) {
        SequencedCommand shared = loggedCommands.read(entry);
        if (converter instanceof YamlConverter) {
            return shared;
        }
        Command c = shared.command();
        return new SequencedCommand(shared.seq(),
                new Command(c.id(), c.type(), c.key(), c.payload().deepCopy(), c.source(), c.issuedAt()));
    }

    /**
     * Commits the commands before the failing one, so the store stops exactly at the failing sequence
     * number, then records why it is stuck there.
     */
    private ApplyException failedAt(Store store, LogEntry entry, int index, Exception cause) {
        if (cause instanceof ApplyException known) {
            return known;
        }
        if (index > 0) {
            try {
                applyBatch(store, index, true);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("store '{}' could not commit the commands before seq {}", store.name(), entry.seq(), e);
            }
        }
        ApplyException failure = new ApplyException(store.name(), entry, cause);
        failures.record(failure);
        LOG.warn("{}; the store stays at seq {} and retries", failure.getMessage(), entry.seq() - 1);
        return failure;
    }

    private void tell(Store store, List<LogEntry> entries) {
        for (ApplyListener listener : listeners) {
            try {
                listener.applied(store, entries);
            } catch (RuntimeException e) {
                LOG.warn("apply listener {} failed for store '{}' up to seq {}: {}", listener.getClass().getSimpleName(),
                        store.name(), entries.get(entries.size() - 1).seq(), e.getMessage());
            }
        }
    }

    private static void safeRollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }
}
