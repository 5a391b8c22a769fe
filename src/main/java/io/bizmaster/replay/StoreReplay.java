package io.bizmaster.replay;

import io.bizmaster.apply.StoreReset;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.coordinate.CoordinatorRequests;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay --store NAME --from SEQ}: rebuilds a store from the command log. From 0 the store is emptied
 * (the tables its converter writes, with its checkpoint set to 0, in one transaction) and replayed 1..head;
 * from a savepoint S (its data restored as of seq S) it replays S+1..head. Meanwhile the store is paused (its
 * live commands wait in its queue) and held, so nobody resumes it or switches its converter half-way; at the
 * end it is resumed and its route goes on from its checkpoint. Every check runs before anything changes. A replay
 * runs on the coordinator: asked on another instance, the verb is carried out there ({@link CoordinatorRequests}).
 */
public class StoreReplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreReplay.class);

    private final StoreRegistry stores;
    private final StoreReset reset;
    private final CommandLog log;
    private final PipelineControl pipeline;
    private final MigrationWorkflow migrations;
    private final ReplayRepository tracker;
    private final ReplayWorker worker;
    private final LagThrottler throttler;
    private final CoordinatorRequests requests;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-replay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ReplayWorker.Progress> running = new ConcurrentHashMap<>();

    public StoreReplay(StoreRegistry stores, StoreReset reset, CommandLog log, PipelineControl pipeline,
                       MigrationWorkflow migrations, ReplayRepository tracker, ReplayWorker worker, LagThrottler throttler,
                       CoordinatorRequests requests) {
        this.requests = requests;
        requests.handle("replay.start", (store, argument) -> {
            String[] words = argument.split(" ");
            return startHere(store, Long.parseLong(words[0]), Boolean.parseBoolean(words[1])).message();
        });
        this.stores = stores;
        this.reset = reset;
        this.log = log;
        this.pipeline = pipeline;
        this.migrations = migrations;
        this.tracker = tracker;
        this.worker = worker;
        this.throttler = throttler;
    }

    /**
     * Checks the request against the store and the log, then starts the replay in the background.
     *
     * @throws IllegalArgumentException the request itself is wrong (400)
     * @throws IllegalStateException    the store's state forbids it (409)
     */
    public ReplayStatus start(String name, long from, boolean resetCheckpoint) throws Exception {
        stores.get(name); // an unknown store is a 404 here, before anything is asked of the coordinator
        requests.call("replay.start", name, from + " " + resetCheckpoint);
        return status(name);
    }

    private synchronized ReplayStatus startHere(String name, long from, boolean resetCheckpoint) throws Exception {
        Store store = stores.get(name);
        String what = "replay of store '" + name + "' from seq " + from;
        if (from < 0) {
            throw new IllegalArgumentException(what + ": the seq must be 0 (empty the store and rebuild it from the log) "
                    + "or a savepoint > 0 (the seq its data is as of)");
        }
        if (from == 0 && resetCheckpoint) {
            throw new IllegalArgumentException(what + ": --reset-checkpoint goes with a savepoint (--from S > 0); from 0 "
                    + "the store is emptied and its checkpoint set to 0 anyway");
        }
        long head = log.head();
        if (from > head) {
            throw new IllegalArgumentException(what + ": the command log ends at seq " + head
                    + "; a savepoint cannot be beyond it");
        }
        if (!store.capabilities().replayable()) {
            throw new IllegalStateException(what + ": it is on connector '" + store.connector() + "', which cannot be "
                    + "emptied or rewound (write-only: what it sent is with its receivers); nothing was changed");
        }
        StoreBusyException.check(store, "replay");
        if (store.role() == StoreRole.PRIMARY) {
            throw new IllegalStateException(what + ": it is the primary, which applications read; a replay would "
                    + (from == 0 ? "empty it" : "hold it behind the head") + " while it runs. Rebuild a shadow instead "
                    + "and make it primary with a migration (migrate create / cutover)");
        }
        migrations.holder(name).ifPresent(holder -> {
            throw new IllegalStateException(what + ": it is " + holder + "; complete or cancel that migration first");
        });
        long checkpoint = checkpoint(store, what);
        ReplayPhase phase = ReplayPhase.REPLAYING;
        if (from == 0) {
            reset.tables(store); // a converter that does not declare its tables is refused before anything changes
            phase = ReplayPhase.RESETTING;
        } else if (checkpoint < from) {
            throw new IllegalStateException(what + ": the store is at checkpoint " + checkpoint + ", before the savepoint "
                    + from + ", so seqs " + (checkpoint + 1) + ".." + from + " would never be applied to it; replay it from "
                    + "its checkpoint (--from " + checkpoint + ") or from 0");
        } else if (checkpoint > from && !resetCheckpoint) {
            throw new IllegalStateException(what + ": the store is at checkpoint " + checkpoint + ", past the savepoint "
                    + from + "; replaying seqs " + (from + 1) + ".." + checkpoint + " again would apply relative commands "
                    + "(credits) twice. If its data was restored as of seq " + from + " (a backup without its checkpoint), "
                    + "say so with --reset-checkpoint; to rebuild it, replay from 0");
        } else if (checkpoint > from) {
            phase = ReplayPhase.RESETTING;
        }
        boolean resumeAfter = store.fed() && !store.paused();
        Replay replay = new Replay(name, from, resetCheckpoint, head, resumeAfter, phase, Math.min(checkpoint, from),
                Instant.now());
        replay.message((from == 0 ? "emptying the store, then replaying 1.." : "replaying " + (from + 1) + "..") + head
                + (resumeAfter ? "; its live commands wait in its queue" : ""));
        store.busyWith("it is being replayed from seq " + from + " to " + head);
        try {
            tracker.start(replay);
            if (resumeAfter) {
                pipeline.pause(name);
            }
        } catch (Exception e) {
            store.busyWith(null);
            throw e;
        }
        LOG.info("Replay of store '{}' from seq {} (checkpoint {}{}) up to the log head {} starts", name, from, checkpoint,
                phase == ReplayPhase.RESETTING ? (from == 0 ? ", emptied first" : ", checkpoint reset to " + from) : "", head);
        launch(replay);
        return view(replay);
    }

    /** The store's latest replay. */
    public ReplayStatus status(String name) {
        Store store = stores.get(name);
        return tracker.find(store.name()).map(this::view).orElseThrow(() -> new NoReplayException(name));
    }

    /** At start-up: a replay cut short by a restart goes on from the store's checkpoint (it never resets twice). */
    public synchronized void recover() throws Exception {
        for (Replay replay : tracker.all()) {
            if (replay.phase().finished() || running.containsKey(replay.store())) {
                continue;
            }
            Store store = stores.get(replay.store());
            store.busyWith("it is being replayed from seq " + replay.from() + " to " + replay.upTo());
            if (replay.resumeAfter() && store.fed() && !store.paused()) {
                pipeline.pause(store.name());
            }
            LOG.info("Replay of store '{}' from seq {} to {} was cut short by a restart in phase {}; it goes on{}",
                    store.name(), replay.from(), replay.upTo(), replay.phase(),
                    replay.phase() == ReplayPhase.RESETTING ? " (nothing was replayed yet: the reset runs again)"
                            : " from the store's checkpoint");
            launch(replay);
        }
    }

    private void launch(Replay replay) {
        ReplayWorker.Progress progress = new ReplayWorker.Progress(replay.reached());
        running.put(replay.store(), progress);
        executor.submit(() -> {
            try {
                worker.run(replay, progress);
            } finally {
                running.remove(replay.store());
            }
        });
    }

    private long checkpoint(Store store, String what) {
        try {
            return reset.checkpoint(store);
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException(what + ": cannot read the store's checkpoint: " + e.getMessage(), e);
        }
    }

    private ReplayStatus view(Replay r) {
        ReplayWorker.Progress progress = running.get(r.store());
        long total = Math.max(0, r.upTo() - r.from());
        long reached = progress == null ? r.reached() : Math.max(r.reached(), progress.reached());
        long replayed = Math.max(0, Math.min(reached, r.upTo()) - r.from());
        double percent = total == 0 ? 100 : Math.min(100, 100.0 * replayed / total);
        Long eta = progress == null ? null : progress.meter().etaSeconds(r.upTo());
        double rate = progress == null ? 0 : Math.round(progress.meter().rate());
        return new ReplayStatus(r.store(), r.from(), r.resetCheckpoint(), r.upTo(), r.phase().name(), reached, replayed,
                total, Math.round(percent * 10) / 10.0, rate, r.phase().finished() ? null : eta, throttler.primaryLag(),
                r.message(), r.startedAt(), r.updatedAt());
    }

    /** The application stops: each replay ends at its next batch and goes on after the restart. */
    @Override
    public void close() throws InterruptedException {
        worker.stop();
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
