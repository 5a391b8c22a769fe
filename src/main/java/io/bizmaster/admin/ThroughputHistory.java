package io.bizmaster.admin;

import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard's charts draw: every second, how far the command log grew (received), how many of those were
 * rejected, and each store's checkpoint; the last {@value #KEPT} seconds are kept. Read from the log itself (its head
 * and an index range of the rejected entries since the last look), so it counts what every instance logged, and from
 * the stores' checkpoints, which every instance sees move.
 */
public final class ThroughputHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputHistory.class);
    static final int KEPT = 900;

    private final CommandLog log;
    private final StoreRegistry stores;
    private final Clock clock;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "throughput-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long rejectedSoFar;

    /** One look: the log head, rejected entries up to it (since the sampler started), and each store's checkpoint. */
    record Sample(long at, long head, long rejected, Map<String, Long> checkpoints) {
    }

    /** One second of the chart: what happened between two looks. */
    public record Second(long at, long head, long received, long accepted, long rejected, Map<String, StoreSecond> stores) {
    }

    /** A store in that second: commands applied, its checkpoint and lag at its end. */
    public record StoreSecond(long applied, long checkpoint, long lag) {
    }

    public ThroughputHistory(CommandLog log, StoreRegistry stores, Clock clock) {
        this.log = log;
        this.stores = stores;
        this.clock = clock;
    }

    public void start() {
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void sample() {
        try {
            long head = log.head();
            Sample last;
            synchronized (samples) {
                last = samples.peekLast();
            }
            long rejected = rejectedSoFar;
            if (last != null && head > last.head()) {
                rejected += log.count(CommandStatus.REJECTED, last.head(), head);
            }
            Map<String, Long> checkpoints = new LinkedHashMap<>();
            for (Store store : stores.all()) {
                checkpoints.put(store.name(), Math.max(0, store.knownCheckpoint()));
            }
            synchronized (samples) {
                rejectedSoFar = rejected;
                samples.addLast(new Sample(clock.millis(), head, rejected, checkpoints));
                while (samples.size() > KEPT + 1) {
                    samples.removeFirst();
                }
            }
        } catch (RuntimeException e) {
            // The business store down: the chart has a gap, the sampler goes on.
            LOG.debug("throughput sample skipped: {}", e.getMessage());
        }
    }

    /** The last {@code seconds} seconds, oldest first. */
    public List<Second> last(int seconds) {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        List<Second> out = new ArrayList<>();
        int from = Math.max(1, copy.size() - Math.max(1, seconds));
        for (int i = from; i < copy.size(); i++) {
            Sample before = copy.get(i - 1);
            Sample now = copy.get(i);
            long received = Math.max(0, now.head() - before.head());
            long rejected = Math.max(0, now.rejected() - before.rejected());
            Map<String, StoreSecond> perStore = new LinkedHashMap<>();
            now.checkpoints().forEach((store, checkpoint) -> {
                long previous = before.checkpoints().getOrDefault(store, checkpoint);
                perStore.put(store, new StoreSecond(Math.max(0, checkpoint - previous), checkpoint,
                        Math.max(0, now.head() - checkpoint)));
            });
            out.add(new Second(now.at(), now.head(), received, received - rejected, rejected, perStore));
        }
        return out;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
