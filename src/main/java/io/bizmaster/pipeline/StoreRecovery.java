package io.bizmaster.pipeline;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Resumes a failing store, or the intake, as soon as the database it waits for answers again: recovery driven by the
 * store, not by a timer. While a database is down the broker's redelivery back-off (and the intake's own) paces the
 * attempts, and that delay doubles towards its maximum; a probe here asks the database every
 * {@code bizmaster.recovery.probe-interval} instead, and when one that did not answer answers, the store's doorbell is
 * rung (its route applies from its checkpoint at once) or the intake's back-off is cut short.
 *
 * <p>Only a change from "does not answer" to "answers" wakes anything: a store that fails for another reason (a
 * command it cannot apply, a lock) keeps the broker's pacing.
 */
public class StoreRecovery implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final String BUSINESS_STORE = "the business store";
    private static final int VALID_SECONDS = 2;

    private final StoreRegistry stores;
    private final ApplyFailures failures;
    private final PipelineControl pipeline;
    private final DataSource businessStore;
    private final Duration interval;
    /** Databases seen not answering, by store name (or {@link #BUSINESS_STORE}), with since when (nanoTime). */
    private final Map<String, Long> down = new ConcurrentHashMap<>();
    /** One probe in flight per database: a black-holed one must not pile up threads. */
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final AtomicLong recoveries = new AtomicLong();
    /** When each store was last woken: a connection lost before that is the outage it recovered from. */
    private final Map<String, Long> wokenAt = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile ExecutorService probes;

    public StoreRecovery(StoreRegistry stores, ApplyFailures failures, PipelineControl pipeline, DataSource businessStore,
                         RecoveryProperties properties) {
        this.stores = stores;
        this.failures = failures;
        this.pipeline = pipeline;
        this.businessStore = businessStore;
        this.interval = properties.probeInterval();
    }

    /** How many times a database that did not answer was seen answering again and its store or intake woken. */
    public long recoveries() {
        return recoveries.get();
    }

    @Override
    public void start() {
        probes = Executors.newCachedThreadPool(daemon("store-recovery-probe"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("store-recovery"));
        timer.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        ExecutorService p = probes;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
        if (p != null) {
            p.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** After the pipeline (routes) starts, before it stops: a wake needs running routes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void round() {
        try {
            boolean intakeFailing = pipeline.intakeHealth().values().stream().anyMatch(s -> s.failing());
            Set<String> stuck = failures.stuck();
            if (intakeFailing || !stuck.isEmpty() || down.containsKey(BUSINESS_STORE)) {
                probe(BUSINESS_STORE, () -> answers(businessStore), pipeline::wakeIntake);
            }
            Map<String, Long> unreachable = failures.unreachable();
            for (Store store : stores.all()) {
                String name = store.name();
                // A store seen down stays probed until it answers, also when a redelivery got it going first.
                if ((stuck.contains(name) || down.containsKey(name)) && store.fed() && !store.paused()) {
                    Long lostAt = unreachable.get(name);
                    Long woken = wokenAt.get(name);
                    if (lostAt != null && (woken == null || lostAt - woken > 0)) {
                        // Its own attempt lost a connection since it was last woken: no probe needs to fail to know.
                        if (down.putIfAbsent(name, lostAt) == null) {
                            LOG.warn("Store '{}' lost its database connection (its own or the command log's); BizMaster "
                                    + "asks both every {} ms and resumes it at once when they answer", name,
                                    interval.toMillis());
                        }
                    }
                    probe(name, () -> answers(store) && answersOrMarkDown(), () -> pipeline.wake(name));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("store recovery round failed: {}", e.getMessage(), e);
        }
    }

    /**
     * Asks, on a probe thread, whether what {@code name} waits for answers; when it does after having been seen not to,
     * runs {@code wake}.
     */
    private void probe(String name, java.util.function.BooleanSupplier answering, Runnable wake) {
        ExecutorService p = probes;
        if (p == null || !probing.add(name)) {
            return;
        }
        try {
            p.execute(() -> {
                try {
                    if (!answering.getAsBoolean()) {
                        markDown(name);
                        return;
                    }
                    Long since = down.get(name);
                    if (since != null) {
                        // Forgotten only once woken: a wake that fails is tried again at the next round.
                        wake.run();
                        wokenAt.put(name, System.nanoTime());
                        down.remove(name);
                        recoveries.incrementAndGet();
                        LOG.info("{} answers again after {} ms without: {}", label(name),
                                (System.nanoTime() - since) / 1_000_000,
                                name.equals(BUSINESS_STORE) ? "the intake resumes now" : "its route applies from its "
                                        + "checkpoint now (seq " + stores.get(name).knownCheckpoint() + ")");
                    }
                } catch (RuntimeException e) {
                    LOG.debug("probe of {} failed: {}", label(name), e.getMessage(), e);
                } finally {
                    probing.remove(name);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            probing.remove(name);
        }
    }

    /** A store's apply reads the log too: it resumes only when the business store answers as well. */
    private boolean answersOrMarkDown() {
        if (answers(businessStore)) {
            return true;
        }
        markDown(BUSINESS_STORE);
        return false;
    }

    private void markDown(String name) {
        if (down.putIfAbsent(name, System.nanoTime()) == null) {
            LOG.warn("{} does not answer; BizMaster asks it again every {} ms and resumes at once when it does",
                    label(name), interval.toMillis());
        }
    }

    private static boolean answers(Store store) {
        return store.relational() ? answers(store.dataSource()) : store.records().reachable();
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String label(String name) {
        return name.equals(BUSINESS_STORE) ? "The business store" : "The database of store '" + name + "'";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
