package io.bizmaster.coordinate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's side of the coordinator lease: renews it while held, tries to acquire it otherwise, and tells the
 * migration runner and the replays whether they may act. It believes itself coordinator only until the last
 * successful renewal's start plus the lease duration by its own monotonic clock (earlier than the database's expiry),
 * and every state write it makes is fenced by its epoch ({@link #fence}), which catches what that belief cannot: a
 * process paused (GC, SIGSTOP) in the middle of a step.
 */
public class Coordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorLease lease;
    private final long durationMs;
    private final long renewMs;
    private final List<LongConsumer> electedListeners = new CopyOnWriteArrayList<>();
    private volatile String instance;
    /** 0 while this instance holds no lease. */
    private volatile long epoch;
    private volatile long validUntilNanos;
    private ScheduledExecutorService executor;

    public Coordinator(CoordinatorLease lease, CoordinatorProperties settings) {
        this.lease = lease;
        this.durationMs = settings.leaseDuration().toMillis();
        this.renewMs = settings.renewInterval().toMillis();
    }

    /** Called with the new epoch each time this instance becomes the coordinator (on the lease thread). */
    public void onElected(LongConsumer listener) {
        electedListeners.add(listener);
    }

    /** Starts renewing, or trying to acquire, every renew interval; the first try is now, before it returns. */
    public synchronized void start(String instanceId) {
        if (executor != null) {
            return;
        }
        name(instanceId);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coordinator-lease");
            t.setDaemon(true);
            return t;
        });
        // The first try in the caller's thread: a single instance is the coordinator once start-up is over, so what
        // start-up recovers (migrations, replays) it recovers before the application reports ready.
        beat();
        executor.scheduleWithFixedDelay(this::beat, renewMs, renewMs, TimeUnit.MILLISECONDS);
    }

    /** Names this instance without starting the lease thread: {@link #beat} by hand (tests). */
    public void name(String instanceId) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("a coordinator instance id must not be blank");
        }
        this.instance = instanceId;
    }

    /** One renewal (or acquisition attempt). The scheduled thread calls it; a test may call it by hand. */
    public void beat() {
        long sent = System.nanoTime();
        try {
            long held = epoch;
            if (held != 0) {
                if (lease.renew(instance, held, durationMs)) {
                    validUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(durationMs);
                    return;
                }
                epoch = 0;
                LOG.warn("Instance '{}' lost the coordinator lease (epoch {}): another instance took it; it stops "
                        + "coordinating at once", instance, held);
            }
            OptionalLong got = lease.acquire(instance, durationMs);
            if (got.isPresent()) {
                validUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(durationMs);
                epoch = got.getAsLong();
                LOG.info("Instance '{}' is the coordinator now (epoch {}): it runs migrations, replays and re-verification",
                        instance, epoch);
                for (LongConsumer listener : electedListeners) {
                    try {
                        listener.accept(epoch);
                    } catch (RuntimeException e) {
                        LOG.warn("Instance '{}', coordinator at epoch {}: {}", instance, epoch, e.getMessage(), e);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The business store does not answer: the lease runs out by the local clock unless a later beat renews it.
            LOG.warn("Instance '{}': coordinator lease (epoch {}): {}", instance, epoch, e.getMessage());
        }
    }

    public boolean isCoordinator() {
        return epoch != 0 && validUntilNanos - System.nanoTime() > 0;
    }

    /** Whether this instance still coordinates under the epoch a piece of work started with. */
    public boolean holds(long startedEpoch) {
        return startedEpoch != 0 && epoch == startedEpoch && isCoordinator();
    }

    /** The epoch this instance holds, 0 if none. */
    public long epoch() {
        return epoch;
    }

    public String instanceId() {
        return instance;
    }

    /**
     * Refuses the caller's write, inside its transaction, unless this instance still holds the lease under its epoch;
     * the lease row stays locked until the caller commits, so a takeover cannot slip in between.
     *
     * @throws LeadershipLostException this instance is not (or no longer) the coordinator
     */
    public void fence(Connection c) throws SQLException {
        long held = epoch;
        if (held == 0) {
            throw new LeadershipLostException("instance '" + instance + "' is not the coordinator; the write was refused");
        }
        lease.fence(c, instance, held);
    }

    public CoordinatorStatus status() {
        LeaseHolder current = lease.current();
        return new CoordinatorStatus(instance, current.held() ? current.holder() : null, current.epoch(),
                isCoordinator() && current.epoch() == epoch, current.expiresInMs());
    }

    /** Stops renewing and lets the lease go, so another instance takes over at once instead of after its expiry. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            executor = null;
        }
        long held = epoch;
        epoch = 0;
        if (held != 0) {
            try {
                lease.release(instance, held);
                LOG.info("Instance '{}' released the coordinator lease (epoch {})", instance, held);
            } catch (RuntimeException e) {
                LOG.warn("Instance '{}': {}; another instance takes over when it expires", instance, e.getMessage());
            }
        }
    }
}
