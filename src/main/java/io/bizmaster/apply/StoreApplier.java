package io.bizmaster.apply;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.convert.RecordSession;
import io.bizmaster.convert.StoreSession;
import io.bizmaster.convert.YamlConverter;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.Checkpoints;
import io.bizmaster.store.jdbc.ParkedCommands;
import io.bizmaster.store.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Attempts at a command failing in a way neither transient nor permanent before it is parked. */
    static final int MAX_UNKNOWN_ATTEMPTS = 10;
    /** Most parked commands one retry takes on; the rest wait for the next. */
    private static final int MAX_RETRIED = 10_000;

    private final StoreRegistry stores;
    private final CommandLog log;
    private final ConverterRegistry converters;
    private final ApplyFailures failures;
    private final List<ApplyListener> listeners;
    private final LoggedCommands loggedCommands;
    private final LogReadAhead readAhead;
    private final RecordApplier records;
    private final Domains domains;
    private final int batchSize;

    public StoreApplier(StoreRegistry stores, CommandLog log, ConverterRegistry converters, ApplyFailures failures,
                        List<ApplyListener> listeners, LoggedCommands loggedCommands, LogReadAhead readAhead,
                        Domains domains, int batchSize) {
        this.domains = domains;
        this.stores = stores;
        this.loggedCommands = loggedCommands;
        this.readAhead = readAhead;
        this.log = log;
        this.converters = converters;
        this.failures = failures;
        this.listeners = List.copyOf(listeners);
        this.batchSize = batchSize;
        this.records = new RecordApplier(log, this::readFor);
    }

    /**
     * Applies every logged command up to {@code seq} that the store has not applied yet, batch by batch, each through
     * the three steps the store-apply route shows ({@link #read}, {@link #convert}, {@link #write}). Returns the
     * store's checkpoint afterwards (lower than {@code seq} only if the store was paused meanwhile).
     */
    public long apply(String storeName, long seq) throws SQLException {
        Store store = stores.get(storeName);
        if (seq <= store.knownCheckpoint()) {
            return store.knownCheckpoint();
        }
        long checkpoint;
        try {
            stores.prepare(store);
            checkpoint = store.knownCheckpoint();
            while (checkpoint < seq && !store.paused()) {
                long reached = write(convert(read(store, batchSize)));
                if (reached == checkpoint) {
                    LOG.warn("Store '{}' was told the log reached seq {}, but the command log ends at {}", storeName, seq,
                            reached);
                    break;
                }
                checkpoint = reached;
            }
        } catch (SQLException | RuntimeException e) {
            failures.attemptFailed(storeName, e);
            throw e;
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
        long reached = write(convert(read(store, limit)));
        failures.passed(store.name(), reached);
        return reached;
    }

    /**
     * The route's read step: the next batch of logged commands after the store's checkpoint, or an empty one when the
     * store is paused or already at {@code upTo} (the seq its feed message announced).
     */
    public StoreBatch read(String storeName, long upTo) throws SQLException {
        Store store = stores.get(storeName);
        try {
            if (upTo <= store.knownCheckpoint() || store.paused()) {
                return new StoreBatch(storeName, Math.max(0, store.knownCheckpoint()), List.of());
            }
            stores.prepare(store);
            if (upTo <= store.knownCheckpoint() || store.paused()) {
                return new StoreBatch(storeName, store.knownCheckpoint(), List.of());
            }
            StoreBatch batch = read(store, batchSize);
            if (batch.isEmpty()) {
                LOG.warn("Store '{}' was told the log reached seq {}, but the command log ends at {}", storeName, upTo,
                        batch.from());
                failures.passed(storeName, batch.from());
            }
            return batch;
        } catch (SQLException | RuntimeException e) {
            failures.attemptFailed(storeName, e);
            throw e;
        }
    }

    /**
     * The route's write step: {@link #write}, reported to {@link ApplyFailures} as the route's attempt. Returns the
     * checkpoint afterwards.
     */
    public long write(ConvertedBatch batch, long upTo) throws SQLException {
        if (batch.size() == 0) {
            Store store = stores.get(batch.store());
            if (!store.paused() && store.knownCheckpoint() < upTo) {
                LOG.warn("Store '{}' was told the log reached seq {}, but the command log ends at {}", batch.store(), upTo,
                        batch.from());
            }
            failures.passed(batch.store(), batch.from());
            return batch.from();
        }
        try {
            long reached = write(batch);
            failures.passed(batch.store(), reached);
            return reached;
        } catch (SQLException | RuntimeException e) {
            failures.attemptFailed(batch.store(), e);
            throw e;
        }
    }

    private StoreBatch read(Store store, int limit) throws SQLException {
        long from = store.knownCheckpoint();
        if (from < 0) {
            // Forgotten by whatever last set it behind the applier's back (a snapshot copy): the store says.
            if (store.relational()) {
                try (Connection c = store.connection()) {
                    from = Checkpoints.read(c, store.name());
                }
            } else {
                from = store.records().checkpoint();
            }
            store.checkpointSeen(from);
        }
        return new StoreBatch(store.name(), from, handedOver(store, readAhead.next(store.name(), from, limit)));
    }

    /**
     * The batch as the store may see it, here where the log's commands are handed over to it: an entry not for the
     * store (another domain's, or one no subscription passes) is withheld, only its seq shown; a subscriber's entry
     * carries only the published fields. So neither its converter nor a route step of its own sees more. With no
     * named domains every store of the default domain sees the log as it is.
     */
    private List<LogEntry> handedOver(Store store, List<LogEntry> entries) {
        StoreFeed feed = domains.feed(store.name());
        if (domains.named().isEmpty() && feed instanceof StoreFeed.DomainFeed) {
            return entries;
        }
        List<LogEntry> seen = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            seen.add(handedOver(feed, entry));
        }
        return seen;
    }

    private LogEntry handedOver(StoreFeed feed, LogEntry entry) {
        if (feed instanceof StoreFeed.DomainFeed own) {
            return own.owns(entry) ? entry : LogEntry.withheld(entry.seq());
        }
        SequencedCommand given = feed.handOver(entry, loggedCommands::read);
        return given == null ? LogEntry.withheld(entry.seq()) : entry.withBody(loggedCommands.envelope(given.command()));
    }

    /**
     * The convert step: each command the store's b_converter handles, converted ahead of the write (every value of a
     * YAML converter's statements computed; a record store's changes made). A command that cannot be converted is
     * not an error of the batch: it parks in the write step, with the reason.
     */
    public ConvertedBatch convert(StoreBatch batch) {
        Store store = stores.get(batch.store());
        BConverter converter = converters.get(store.converter());
        List<ConvertedBatch.Converted> converted = new ArrayList<>(batch.size());
        for (LogEntry entry : batch.entries()) {
            SequencedCommand given;
            try {
                given = entry.accepted() && converter.handles(entry.type()) ? readFor(store, converter, entry) : null;
            } catch (RuntimeException e) {
                converted.add(new ConvertedBatch.Converted(entry, true, null, List.of(),
                        new ApplyException(store.name(), entry, e).getMessage()));
                continue;
            }
            if (given == null) {
                converted.add(ConvertedBatch.Converted.notHandled(entry));
                continue;
            }
            try {
                if (store.relational()) {
                    converted.add(new ConvertedBatch.Converted(entry, true,
                            converter.convert(given, store.name()), List.of(), null));
                } else {
                    RecordSession session = new RecordSession(store.name());
                    converter.apply(given, session);
                    converted.add(new ConvertedBatch.Converted(entry, true, null, List.copyOf(session.changes()), null));
                }
            } catch (RuntimeException e) {
                converted.add(new ConvertedBatch.Converted(entry, true, null, List.of(),
                        new ApplyException(store.name(), entry, e).getMessage()));
            }
        }
        return new ConvertedBatch(batch, converted);
    }

    /**
     * The write step: the converted changes and the new checkpoint in one step through the store's connector (one
     * transaction, or one fenced script), parking what cannot be applied. A batch read before the store's checkpoint
     * moved (a replay, another writer) is not written; the checkpoint returned is the store's, and the next read
     * starts there. Returns the checkpoint afterwards.
     */
    public long write(ConvertedBatch batch) throws SQLException {
        Store store = stores.get(batch.store());
        if (!store.relational()) {
            RecordApplier.Result result = records.write(store, batch);
            if (!result.parkedKeys().isEmpty()) {
                store.addParkedKeys(result.parkedKeys());
            }
            if (!result.applied().isEmpty()) {
                tell(store, result.applied());
            }
            return result.checkpoint();
        }
        try {
            return writeSql(store, batch, true);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("store '{}': a batched apply failed ({}); applying one statement at a time", store.name(),
                    e.getMessage());
            return writeSql(store, batch, false);
        }
    }

    /**
     * Statements sent in JDBC batches; a failure there cannot be pinned on one command, so the same commands are
     * applied again one statement at a time, which either succeeds or stops exactly at the failing command.
     */
    private long writeSql(Store store, ConvertedBatch batch, boolean batching) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (StoreSession session = new StoreSession(store.name(), c, store.dialect(), batching)) {
                long checkpoint = Checkpoints.lock(c, store.name());
                if (checkpoint != batch.from()) {
                    c.rollback();
                    LOG.debug("store '{}': read at {} but the checkpoint is {}; reading again", store.name(),
                            batch.from(), checkpoint);
                    store.forgetCheckpoint();
                    store.checkpointSeen(checkpoint);
                    return checkpoint;
                }
                List<Parking> parking = new ArrayList<>();
                Set<String> parkedNow = new HashSet<>();
                long last = checkpoint;
                List<ConvertedBatch.Converted> commands = batch.commands();
                for (int i = 0; i < commands.size(); i++) {
                    ConvertedBatch.Converted command = commands.get(i);
                    LogEntry entry = command.entry();
                    if (entry.seq() != last + 1) {
                        throw new IllegalStateException("the command log has no entry at seq " + (last + 1)
                                + " (next is " + entry.seq() + "): store '" + store.name() + "' cannot go past a hole");
                    }
                    if (command.handled()) {
                        if (store.parked(entry.key()) || parkedNow.contains(entry.key())) {
                            parking.add(new Parking(entry, "key " + entry.key() + " has an earlier command parked in store '"
                                    + store.name() + "'; this one waits behind it, so the key's order holds"));
                        } else if (command.failure() != null) {
                            LOG.warn("{}; the command is parked (later commands of key {} park behind it), other keys go on",
                                    command.failure(), entry.key());
                            parking.add(new Parking(entry, command.failure()));
                            parkedNow.add(entry.key());
                        } else if (batching) {
                            command.conversion().applyTo(session);
                        } else {
                            String parked = applyOne(store, command, session, c, i, batch);
                            if (parked != null) {
                                parking.add(new Parking(entry, parked));
                                parkedNow.add(entry.key());
                            }
                        }
                    }
                    last = entry.seq();
                }
                session.flush();
                for (Parking p : parking) {
                    ParkedCommands.park(c, store.name(), p.entry().seq(), p.entry().commandId(), p.entry().type(),
                            p.entry().key(), p.reason());
                }
                Checkpoints.advance(c, store.name(), last);
                c.commit();
                store.checkpointSeen(last);
                if (!parking.isEmpty()) {
                    parked(store, parking);
                }
                if (!commands.isEmpty()) {
                    tell(store, batch.batch().entries());
                }
                return last;
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    /** A command parked for {@code store}, and why. */
    private record Parking(LogEntry entry, String reason) {
    }

    /**
     * Applies one command inside a savepoint, so that a permanent failure undoes only that command. Returns null when
     * applied, or why it is parked; a transient failure commits the commands before it and is thrown (the store
     * stays at that seq and retries).
     */
    private String applyOne(Store store, ConvertedBatch.Converted command, StoreSession session, Connection c, int index,
                            ConvertedBatch batch) throws SQLException {
        LogEntry entry = command.entry();
        Savepoint before = c.setSavepoint();
        try {
            command.conversion().applyTo(session);
            return null;
        } catch (SQLException | RuntimeException e) {
            if (!parks(store, entry, e)) {
                c.rollback();
                throw failedAt(store, entry, index, batch, e);
            }
            c.rollback(before);
            String reason = new ApplyException(store.name(), entry, e).getMessage();
            LOG.warn("{}; the command is parked (later commands of key {} park behind it), other keys go on", reason,
                    entry.key());
            return reason;
        }
    }

    /**
     * Whether a failure parks the command: a permanent one (a constraint, a value that does not fit, a converter that
     * throws) does; a transient one (a connection, a timeout, a deadlock) is retried; one of neither kind is retried
     * until it has failed {@value #MAX_UNKNOWN_ATTEMPTS} times, so nothing is retried for ever.
     */
    private boolean parks(Store store, LogEntry entry, Exception e) {
        return switch (SqlFailures.classify(e)) {
            case PERMANENT -> true;
            case TRANSIENT -> false;
            case UNKNOWN -> !(e instanceof SQLException)
                    || failures.at(store.name(), entry.seq()).map(f -> f.attempts() >= MAX_UNKNOWN_ATTEMPTS).orElse(false);
        };
    }

    /** After the commit: the keys parked are known as such (parking only adds keys; a retry reads them again). */
    private static void parked(Store store, List<Parking> parking) {
        store.addParkedKeys(parking.stream().map(p -> p.entry().key()).toList());
    }

    /** What a retry did: commands applied, and the ones of the key that stay parked (behind one that failed again). */
    public record Retried(String store, String key, int applied, int stillParked, String reason) {
    }

    /**
     * Applies a store's parked commands again, key by key, each key in seq order (e.g. after {@code store
     * set-converter} to a fixed version). Holds the store's checkpoint row for the whole retry, so its apply route
     * waits and nothing interleaves. A command that fails again stays parked with its new reason, and so do the later
     * ones of its key; other keys go on. A transient failure rolls the retry back whole.
     *
     * @param key one key, or null for every parked key
     */
    public Retried retryParked(String storeName, String key) throws SQLException {
        Store store = stores.get(storeName);
        stores.prepare(store);
        BConverter converter = converters.get(store.converter());
        if (!store.relational()) {
            return records.retryParked(store, converter, key);
        }
        int applied = 0;
        int stillParked = 0;
        String reason = null;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (StoreSession session = new StoreSession(store.name(), c, store.dialect(), false)) {
                Checkpoints.lock(c, store.name());
                Map<String, List<ParkedCommands.Parked>> byKey = new LinkedHashMap<>();
                for (ParkedCommands.Parked p : ParkedCommands.list(c, store.name(), key, true, 0, MAX_RETRIED)) {
                    byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
                }
                for (List<ParkedCommands.Parked> ofKey : byKey.values()) {
                    for (int i = 0; i < ofKey.size(); i++) {
                        ParkedCommands.Parked p = ofKey.get(i);
                        LogEntry entry = log.bySeq(p.seq()).orElseThrow(() -> new IllegalStateException("store '"
                                + store.name() + "' has seq " + p.seq() + " parked, but the command log has no such entry"));
                        Savepoint before = c.setSavepoint();
                        try {
                            SequencedCommand given = entry.accepted() && converter.handles(entry.type())
                                    ? readFor(store, converter, entry) : null;
                            if (given != null) {
                                converter.apply(given, session);
                            }
                            ParkedCommands.applied(c, store.name(), p.seq());
                            applied++;
                        } catch (SQLException | RuntimeException e) {
                            if (SqlFailures.classify(e) == SqlFailures.Kind.TRANSIENT) {
                                throw e;
                            }
                            c.rollback(before);
                            reason = new ApplyException(store.name(), entry, e).getMessage();
                            ParkedCommands.stillParked(c, store.name(), p.seq(), reason);
                            stillParked += ofKey.size() - i;
                            break;
                        }
                    }
                }
                c.commit();
                store.parkedKeys(ParkedCommands.parkedKeys(c, store.name()));
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        }
        LOG.info("Store '{}': retried the parked commands of {}: {} applied, {} still parked{}", store.name(),
                key == null ? "every key" : "key " + key, applied, stillParked, reason == null ? "" : " (" + reason + ")");
        return new Retried(store.name(), key, applied, stillParked, reason);
    }

    /**
     * The command as the converter gets it. Stores share one parsed command; the YAML converters only read it,
     * a Java converter gets its own copy of the payload, so whatever it does to it cannot reach another store.
     */
    /** Lets one command parked in a record store go (a relational store's is settled in its own table). */
    ParkedCommands.Parked skipRecord(Store store, long seq, String reason) {
        return records.skip(store, seq, reason);
    }

    /** The command a store's converter is given for a logged entry, or null when the entry is not for the store. */
    @FunctionalInterface
    interface HandOver {
        SequencedCommand command(Store store, BConverter converter, LogEntry entry);
    }

    private SequencedCommand readFor(Store store, BConverter converter, LogEntry entry) {
        StoreFeed feed = domains.feed(store.name());
        // Through the feed again, not from the entry's handed-over body: the parsed commands are shared by seq
        // between stores, so reading a subscriber's entry by its seq could give it the command as logged.
        SequencedCommand shared = feed.handOver(entry, loggedCommands::read);
        if (shared == null || !feed.asLogged() || converter instanceof YamlConverter) {
            // A subscriber's command is a projection made for it alone.
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
    private ApplyException failedAt(Store store, LogEntry entry, int index, ConvertedBatch batch, Exception cause) {
        if (cause instanceof ApplyException known) {
            return known;
        }
        if (index > 0) {
            try {
                // One command at a time, as the pass that found the failure: one before it may park.
                writeSql(store, batch.prefix(index), false);
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
