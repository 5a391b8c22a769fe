package io.bizmaster.replay;

import io.bizmaster.apply.StoreReset;
import io.bizmaster.backfill.BackfillPacer;
import io.bizmaster.backfill.LogReplay;
import io.bizmaster.backfill.ProgressMeter;
import io.bizmaster.coordinate.Coordinator;
import io.bizmaster.coordinate.LeadershipLostException;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay: the reset (empty, or set the checkpoint to the savepoint), recorded as done before the first
 * command is replayed; then the log up to the head captured at the start through {@link LogReplay} (each batch
 * commits changes and checkpoint together), waiting while the primary lags; then the store is resumed and released.
 */
public class ReplayWorker {

    /** What the status shows between two recorded chunks. */
    static final class Progress {
        private final ProgressMeter meter;
        private volatile long reached;

        Progress(long reached) {
            this.meter = new ProgressMeter(reached);
            this.reached = reached;
        }

        ProgressMeter meter() {
            return meter;
        }

        long reached() {
            return reached;
        }

        void reached(long seq) {
            reached = seq;
            meter.record(seq);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplayWorker.class);

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final StoreRegistry stores;
    private final StoreReset reset;
    private final LogReplay replay;
    private final PipelineControl pipeline;
    private final ReplayRepository tracker;
    private final ReplayProperties settings;
    private final Coordinator coordinator;
    private volatile boolean stopping;

    public ReplayWorker(StoreRegistry stores, StoreReset reset, LogReplay replay, PipelineControl pipeline,
                        ReplayRepository tracker, ReplayProperties settings, Coordinator coordinator) {
        this.coordinator = coordinator;
        this.stores = stores;
        this.reset = reset;
        this.replay = replay;
        this.pipeline = pipeline;
        this.tracker = tracker;
        this.settings = settings;
    }

    void stop() {
        stopping = true;
    }

    void run(Replay r, Progress progress) {
        Store store = stores.get(r.store());
        long started = System.nanoTime();
        long epoch = coordinator.epoch();
        try {
            if (r.phase() == ReplayPhase.RESETTING) {
                if (r.from() == 0) {
                    reset.empty(store);
                } else {
                    reset.resetCheckpoint(store, r.from());
                }
                // From here on a restart continues from the checkpoint: the reset never runs over replayed commands.
                r.phase(ReplayPhase.REPLAYING);
                r.reached(r.from());
                r.message(r.from() == 0 ? "emptied; replaying 1.." + r.upTo()
                        : "checkpoint set to " + r.from() + "; replaying " + (r.from() + 1) + ".." + r.upTo());
                tracker.save(r);
            }
            long position = reset.resync(store);
            progress.reached(position);
            long[] recorded = {position};
            boolean throttled = false;
            LogReplay.Limits limits = new LogReplay.Limits(settings.chunk(), settings.throttleLag());
            BackfillPacer pacer = new BackfillPacer(settings.maxRate());
            while (position < r.upTo()) {
                if (!coordinator.holds(epoch)) {
                    // Another instance coordinates now and goes on from the store's checkpoint; nothing more to record.
                    LOG.warn("Replay of store '{}' stopped at seq {} of {}: instance '{}' is no longer the coordinator "
                            + "(epoch {})", store.name(), position, r.upTo(), coordinator.instanceId(), epoch);
                    return;
                }
                if (stopping) {
                    r.reached(position);
                    r.message("stopped with the application at seq " + position + "; it goes on after the restart");
                    tracker.save(r);
                    LOG.info("Replay of store '{}' stopped at seq {} of {}; it goes on after the restart", store.name(),
                            position, r.upTo());
                    return;
                }
                LogReplay.Reached reached = replay.advance(store.name(), position, r.upTo(), limits, pacer,
                        progress.meter(), System.nanoTime() + SLICE_NANOS, () -> stopping || !coordinator.holds(epoch), seq -> {
                            progress.reached(seq);
                            if (seq - recorded[0] >= settings.chunk() || seq >= r.upTo()) {
                                recorded[0] = seq;
                                r.reached(seq);
                                Long eta = progress.meter().etaSeconds(r.upTo());
                                r.message("replaying: seq " + seq + " of " + r.upTo() + (eta == null ? "" : ", about " + eta
                                        + " s left"));
                                tracker.save(r);
                            }
                        });
                position = reached.checkpoint();
                if (reached.throttled()) {
                    if (!throttled) {
                        r.message("throttled at seq " + position + ": the primary is " + reached.throttledAtLag()
                                + " behind the head (limit " + settings.throttleLag() + ")");
                        tracker.save(r);
                        LOG.info("Replay of store '{}': {}", store.name(), r.message());
                        throttled = true;
                    }
                    Thread.sleep(200);
                } else {
                    throttled = false;
                }
            }
            if (r.resumeAfter()) {
                pipeline.resume(store.name());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            r.phase(ReplayPhase.DONE);
            r.reached(position);
            r.message("replayed " + (r.from() + 1) + ".." + r.upTo() + " in " + String.format("%.1f", seconds) + " s ("
                    + Math.round(progress.meter().rate()) + " commands/s); "
                    + (r.resumeAfter() ? "resumed: its route goes on from seq " + (position + 1)
                    : store.fed() ? "it stays paused as it was" : "it is detached: nothing feeds it"));
            tracker.save(r);
            LOG.info("Replay of store '{}': {}", store.name(), r.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LeadershipLostException e) {
            // Its write was refused: the new coordinator goes on with this replay from the store's checkpoint.
            LOG.warn("Replay of store '{}' from seq {}: {}", store.name(), r.from(), e.getMessage());
        } catch (Exception e) {
            long at = Math.max(store.knownCheckpoint(), 0);
            r.phase(ReplayPhase.FAILED);
            r.reached(at);
            r.message("failed at checkpoint " + at + ": " + e.getMessage() + "; the store stays "
                    + (store.paused() ? "paused" : "as it is") + " at seq " + at + ": fix the cause, then replay --store "
                    + store.name() + " --from " + at + " to go on" + (store.paused() ? ", or store resume " + store.name() : ""));
            LOG.warn("Replay of store '{}' from seq {}: {}", store.name(), r.from(), r.message(), e);
            tracker.save(r);
        } finally {
            store.busyWith(null);
        }
    }
}
