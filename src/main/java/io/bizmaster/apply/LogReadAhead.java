package io.bizmaster.apply;

import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read step of a store that is catching up (its last batch was full): while one batch is converted and written,
 * the next is read from the command log and its bodies parsed, on a thread of its own. A store's write waits for its
 * database or Redis most of the time, so the read no longer adds to it. Log entries never change once committed, so a
 * batch read ahead is the batch a read now would give, or a shorter one (the log grew since), which is just as valid;
 * an empty one is not taken (it would say the log ends there), the log is read again.
 * A store that keeps up reads from the log's in-memory tail and is never read ahead.
 */
public final class LogReadAhead implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogReadAhead.class);

    private final CommandLog log;
    private final LoggedCommands parsed;
    private final Executor reader;
    private final Runnable shutdown;
    /** Per store, the batch being read ahead: after which seq, and how many. */
    private final Map<String, Ahead> ahead = new ConcurrentHashMap<>();

    private record Ahead(long after, int limit, Future<List<LogEntry>> entries) {
    }

    public LogReadAhead(CommandLog log, LoggedCommands parsed) {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "log-read-ahead");
            t.setDaemon(true);
            return t;
        });
        this.log = log;
        this.parsed = parsed;
        this.reader = thread;
        this.shutdown = thread::shutdownNow;
    }

    /** Reading ahead on {@code reader} (a test's own executor). */
    LogReadAhead(CommandLog log, LoggedCommands parsed, Executor reader) {
        this.log = log;
        this.parsed = parsed;
        this.reader = reader;
        this.shutdown = () -> {
        };
    }

    /** The store's next batch: up to {@code limit} entries after {@code after}, read ahead when it was asked for. */
    List<LogEntry> next(String store, long after, int limit) {
        List<LogEntry> recent = log.recent(after, limit);
        if (recent != null) {
            // In memory: nothing to hide, and a thread hand-off would only cost the live path.
            Ahead pending = ahead.remove(store);
            if (pending != null) {
                pending.entries().cancel(false);
            }
            return recent;
        }
        List<LogEntry> entries = readAhead(store, after, limit);
        if (entries == null) {
            entries = log.readAfter(after, limit);
        }
        if (entries.size() == limit) {
            long next = entries.get(entries.size() - 1).seq();
            ahead.put(store, new Ahead(next, limit, CompletableFuture.supplyAsync(() -> read(next, limit), reader)));
        }
        return entries;
    }

    private List<LogEntry> readAhead(String store, long after, int limit) {
        Ahead pending = ahead.remove(store);
        if (pending == null) {
            return null;
        }
        if (pending.after() != after || pending.limit() != limit) {
            pending.entries().cancel(false); // the store moved elsewhere (a replay, a reset): not this batch
            return null;
        }
        try {
            List<LogEntry> entries = pending.entries().get();
            // Read before the log grew that far: empty would say "the log ends here". Read now instead.
            return entries.isEmpty() ? null : entries;
        } catch (ExecutionException e) {
            LOG.debug("store '{}': reading ahead after seq {} failed ({}); reading now", store, after,
                    e.getCause().getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private List<LogEntry> read(long after, int limit) {
        List<LogEntry> entries = log.nextToApply(after, limit);
        for (LogEntry entry : entries) {
            if (entry.accepted()) {
                parsed.read(entry);
            }
        }
        return entries;
    }

    @Override
    public void close() {
        shutdown.run();
    }
}
