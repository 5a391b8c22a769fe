package io.bizmaster.migrate.logmove;

import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.backfill.BackfillPacer;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.backfill.ProgressMeter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.migrate.BackfillProgress;
import io.bizmaster.migrate.CutOverPlan;
import io.bizmaster.migrate.LogMovePlan;
import io.bizmaster.migrate.Migration;
import io.bizmaster.migrate.MigrationDefinition;
import io.bizmaster.migrate.MigrationLimits;
import io.bizmaster.migrate.MigrationPhase;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationSteps;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log move (kind: log, seed scenario 6): moves the business store — command log and BizMaster's own tables
 * — to another database while commands keep flowing. Capture the head N, copy the log 1..N by seq, catch up until
 * within max-cutover-lag, prove the copied prefix identical, and keep copying and proving until the cut-over
 * ({@link LogCutOver}). Called by {@link MigrationWorkflow} under its lock, like a store migration's steps.
 *
 * <p>Which copy is authoritative: the migration's row lives in the business store the log is in. Before the
 * cut-over that is the one it started from (spring.datasource), and the target-log's tables are a copy in the
 * making. From the cut-over on the old business store holds a {@code log_moved} redirect and the target-log is
 * authoritative; a start-up with the old configuration follows the redirect there. A rollback clears the redirect
 * in the same transaction that makes the old business store authoritative again.
 */
public class LogMoveSteps implements MigrationSteps<LogMovePlan>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogMoveSteps.class);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final BackfillPacer NO_PACE = new BackfillPacer(0);

    private final MigrationRepository state;
    private final LogMoveEnds ends;
    private final CommandLog log;
    private final LagThrottler throttler;
    private final LogCutOver cutOver;
    private final LogCopier copier;
    private final LogComparison comparison;
    private final Map<String, ProgressMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, BackfillPacer> pacers = new ConcurrentHashMap<>();

    LogMoveSteps(MigrationRepository state, LogMoveEnds ends, CommandLog log, LagThrottler throttler, LogCutOver cutOver,
                 LogCopier copier, LogComparison comparison) {
        this.state = state;
        this.ends = ends;
        this.log = log;
        this.throttler = throttler;
        this.cutOver = cutOver;
        this.copier = copier;
        this.comparison = comparison;
    }

    /**
     * {@code migrate create} of a log move: the target-log must be reachable, on an engine the business store
     * runs on, get the log schema from Flyway (db/log), and hold no command yet.
     *
     * @throws IllegalArgumentException naming the problem (never the password)
     */
    @Override
    public Class<LogMovePlan> planType() {
        return LogMovePlan.class;
    }

    @Override
    public String createdMessage(LogMovePlan plan) {
        return "created: the log head is captured and the copy starts at the next step";
    }

    @Override
    public Optional<String> roleOf(LogMovePlan plan, String store) {
        return Optional.empty(); // a log move names no store
    }

    @Override
    public void check(MigrationDefinition d, LogMovePlan plan, List<Migration> existing) {
        String where = "migration '" + d.id() + "': target-log " + plan.targetLog().display();
        for (Migration other : existing) {
            if (!other.phase().finished()) {
                throw new IllegalArgumentException("migration '" + d.id() + "': log move '" + other.id() + "' is in phase "
                        + other.phase() + "; complete or cancel it first (one log move at a time)");
            }
        }
        if (JdbcUrls.same(ends.current().getJdbcUrl(), plan.targetLog().url())) {
            throw new IllegalArgumentException(where + " is the business store the command log is in now");
        }
        HikariDataSource target;
        try {
            target = ends.open(d.id(), plan.targetLog());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " cannot be reached: " + rootMessage(e));
        }
        try {
            try (Connection c = target.getConnection()) {
                Dialect dialect = Dialect.of(c);
                if (dialect == Dialect.MARIADB) {
                    throw new IllegalArgumentException(where + " is MariaDB/MySQL; the business store runs on H2 or PostgreSQL");
                }
            }
            try {
                Flyway.configure().dataSource(target).locations("classpath:db/log").load().migrate();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": the log schema (db/log) cannot be created there: " + rootMessage(e));
            }
            long highest = copier.highestSeq(target);
            if (highest > 0) {
                throw new IllegalArgumentException(where + " already holds commands (up to seq " + highest + "); a log move "
                        + "copies into an empty business store");
            }
        } catch (SQLException | RuntimeException e) {
            ends.discard(d.id());
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw new IllegalArgumentException(where + ": " + rootMessage(e));
        }
    }

    /** One step: capture, then copy (and, once caught up, prove) a slice of at most half a second. */
    @Override
    public boolean step(Migration m, LogMovePlan plan, BooleanSupplier stop) throws SQLException {
        switch (m.phase()) {
            case CREATED -> capture(m, plan);
            case BACKFILLING, CATCHING_UP, SHADOWING, READY, ROLLED_BACK, CUT_OVER -> follow(m, stop);
            default -> {
            }
        }
        return false;
    }

    private void capture(Migration m, LogMovePlan plan) throws SQLException {
        long head = log.head();
        long copied = copier.highestSeq(ends.target(m));
        m.captureSeq(head);
        m.total(head);
        m.backfillPosition(copied);
        m.copied(Math.min(copied, head));
        m.phase(MigrationPhase.BACKFILLING);
        m.message("captured at seq " + head + "; copying the command log 1.." + head + " to " + plan.targetLog().display());
        state.save(m);
        meters.put(m.id(), new ProgressMeter(m.copied()));
        LOG.info("Migration '{}': copying the command log 1..{} to {}", m.id(), head, plan.targetLog().display());
    }

    /**
     * Copy what is new, then compare what is copied and not yet proven; advance the phase when due. After the
     * cut-over the copy runs the other way, into the business store the log left, so that a rollback's freeze only
     * copies the last few commands (Vitess keeps a reverse stream for the same reason).
     */
    private void follow(Migration m, BooleanSupplier stop) throws SQLException {
        MigrationLimits d = m.definition().limits();
        HikariDataSource source = ends.current();
        HikariDataSource target = m.phase() == MigrationPhase.CUT_OVER ? ends.originIfOpen() : ends.target(m);
        if (target == null) {
            return; // started on the target-log directly: no way back in this process, recover() said so
        }
        long deadline = System.nanoTime() + SLICE_NANOS;
        // The target's own highest seq is where the copy stands, whatever was last saved: a restart resumes there.
        long position = copier.highestSeq(target);
        long before = position;
        long head = log.head();
        String throttled = null;
        while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
            long upTo = m.phase() == MigrationPhase.BACKFILLING ? m.captureSeq() : head;
            if (position >= upTo) {
                break;
            }
            // max-rate holds the backfill only: after it, the copy must keep up with the intake to ever cut over.
            BackfillPacer pacer = m.phase() == MigrationPhase.BACKFILLING
                    ? pacers.computeIfAbsent(m.id(), id -> new BackfillPacer(d.maxRate())) : NO_PACE;
            if (!awaitTurn(pacer, deadline)) {
                break; // the slice ended (or the runner is stopping) while waiting for max-rate's turn
            }
            long lag = throttler.primaryLag();
            if (lag > d.throttleLag()) {
                throttled = "copy throttled: the primary is " + lag + " behind the head (limit " + d.throttleLag() + ")";
                break;
            }
            long from = position;
            position = copier.copy(source, target, position, upTo, d.chunk());
            pacer.wrote(position - from);
            meters.computeIfAbsent(m.id(), id -> new ProgressMeter(before)).record(Math.min(position, total(m)));
            if (m.phase() == MigrationPhase.BACKFILLING) {
                // Recorded after every chunk, as a backfill does: status shows it, and a restart reports it.
                m.backfillPosition(position);
                m.copied(Math.min(position, total(m)));
                m.message("copying the command log: " + m.copied() + " of " + m.captureSeq());
                state.save(m);
            }
        }
        m.backfillPosition(position);
        m.copied(Math.min(position, total(m)));
        String message = throttled;
        if (m.phase() == MigrationPhase.BACKFILLING) {
            if (position >= m.captureSeq()) {
                pacers.remove(m.id());
                m.phase(MigrationPhase.CATCHING_UP);
                message = "copied 1.." + m.captureSeq() + "; catching up with the head";
                LOG.info("Migration '{}': {}", m.id(), message);
            } else if (message == null) {
                message = "copying the command log: " + position + " of " + m.captureSeq();
            }
        } else if (m.phase() == MigrationPhase.CATCHING_UP && head - position <= d.maxCutoverLag()) {
            m.phase(MigrationPhase.SHADOWING);
            message = "caught up (lag " + (head - position) + "); proving the copied log identical";
            LOG.info("Migration '{}': {}", m.id(), message);
        }
        if (m.phase() != MigrationPhase.BACKFILLING && m.phase() != MigrationPhase.CATCHING_UP) {
            String proof = prove(m, source, target, position);
            if (proof != null) {
                message = proof;
            }
        }
        if ((message != null && !message.equals(m.message())) || position != before) {
            if (message != null) {
                m.message(message);
            }
            state.save(m);
        }
    }

    /** False if interrupted: the runner is stopping, and the copy resumes at the target's highest seq. */
    private static boolean awaitTurn(BackfillPacer pacer, long deadline) {
        try {
            return pacer.awaitStart(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Compares what is copied beyond the proven prefix; READY once the prefix is proven and the copy close. */
    private String prove(Migration m, HikariDataSource source, HikariDataSource target, long position) throws SQLException {
        long proven = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
        if (proven >= position) {
            return null;
        }
        LogComparison.Result result = comparison.compare(source, target, proven, position,
                Math.max(m.definition().limits().chunk(), 1_000));
        m.verifiedSeq(result.verifiedSeq());
        if (!result.equal()) {
            m.verification("failed: " + result.summary());
            LOG.warn("Migration '{}': {}", m.id(), m.verification());
            return "the copied log differs from the business store's: " + result.summary() + "; cancel the migration";
        }
        m.verification("log identical up to seq " + result.verifiedSeq());
        if (m.phase() == MigrationPhase.SHADOWING && log.head() - position <= m.definition().limits().maxCutoverLag()) {
            m.phase(MigrationPhase.READY);
            LOG.info("Migration '{}' is READY: the copied log is identical up to seq {}", m.id(), result.verifiedSeq());
            return "copied and proven identical up to seq " + result.verifiedSeq() + "; ready to cut over (migrate cutover "
                    + m.id() + ")";
        }
        return null;
    }

    private static long total(Migration m) {
        return m.total() == null ? 0 : m.total();
    }

    @Override
    public CutOverPlan dryRun(Migration m, LogMovePlan plan) {
        try {
            return cutOver.plan(m);
        } catch (SQLException e) {
            throw new IllegalStateException("migration '" + m.id() + "': a business store is not answering: " + e.getMessage(), e);
        }
    }

    @Override
    public void cutover(Migration m, LogMovePlan plan) {
        try {
            cutOver.cutOver(m);
        } catch (SQLException e) {
            throw new IllegalStateException("migration '" + m.id() + "': cannot cut over, a business store is not answering: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void rollback(Migration m, LogMovePlan plan) {
        try {
            cutOver.rollback(m);
        } catch (SQLException e) {
            throw new IllegalStateException("migration '" + m.id() + "': cannot roll back, a business store is not answering: "
                    + e.getMessage(), e);
        }
    }

    /** The old business store is retired: its pool closes; its redirect stays for anyone still configured with it. */
    @Override
    public void complete(Migration m, LogMovePlan plan) {
        m.phase(MigrationPhase.COMPLETED);
        m.message("completed: the command log lives in " + plan.targetLog().display() + "; the old business store "
                + "is retired (its redirect stays); set spring.datasource.url to the new one");
        state.save(m);
        try (Connection c = ends.origin(m).getConnection()) {
            state.update(c, m); // so the old business store's own row says so too, for whoever reads it
        } catch (SQLException | RuntimeException e) {
            LOG.info("Migration '{}': the old business store's row not updated ({})", m.id(), e.getMessage());
        }
        ends.retireOrigin();
        meters.remove(m.id());
        pacers.remove(m.id());
        LOG.info("Migration '{}': {}", m.id(), m.message());
    }

    /** Before a cut-over (or after a rollback): what was copied to the target-log is dropped. */
    @Override
    public void cancel(Migration m, LogMovePlan plan) {
        MigrationPhase was = m.phase();
        String dropped;
        try {
            copier.empty(ends.target(m));
            dropped = "the copy in " + plan.targetLog().display() + " dropped";
        } catch (SQLException | RuntimeException e) {
            dropped = "the copy in " + plan.targetLog().display() + " could not be dropped (" + rootMessage(e)
                    + "); empty its tables by hand before using it";
        }
        ends.close(m);
        m.phase(MigrationPhase.CANCELLED);
        m.message("cancelled in phase " + was + ": " + dropped);
        state.save(m);
        meters.remove(m.id());
        pacers.remove(m.id());
        LOG.info("Migration '{}': {}", m.id(), m.message());
    }

    /**
     * At start-up. A freeze cut short by a restart: if the log is in the target-log, the cut-over had committed and a
     * rollback was interrupted (back to CUT_OVER); otherwise the cut-over had not committed (back to READY).
     */
    @Override
    public void recover(List<Migration> sameKind) {
        sameKind.forEach(this::recover);
    }

    private void recover(Migration m) {
        if (m.phase() == MigrationPhase.FREEZING) {
            MigrationPhase back = ends.inTarget(m) ? MigrationPhase.CUT_OVER : MigrationPhase.READY;
            m.phase(back);
            m.message("a freeze was interrupted by a restart before it committed; the command log is in "
                    + JdbcUrls.masked(ends.current().getJdbcUrl()) + ", intake running; phase back to " + back);
            state.save(m);
            LOG.warn("Migration '{}': {}", m.id(), m.message());
        } else if (m.phase() == MigrationPhase.CUT_OVER && ends.originIfOpen() == null) {
            LOG.warn("Migration '{}' is CUT_OVER and this process was started on {} directly: the business store the log "
                    + "moved from is not known here, so it is not kept up to date and cannot be rolled back to; start with "
                    + "the old spring.datasource settings to roll back, or complete the migration", m.id(),
                    JdbcUrls.masked(ends.current().getJdbcUrl()));
        }
    }

    @Override
    public MigrationStatus view(Migration m, LogMovePlan plan) {
        MigrationLimits d = m.definition().limits();
        long primaryLag = throttler.primaryLag();
        long head = log.head();
        boolean moved = m.phase() == MigrationPhase.CUT_OVER || m.phase() == MigrationPhase.COMPLETED;
        // Before the cut-over, how far the target-log's copy is behind; after it, the old business store's.
        long lag = m.phase() == MigrationPhase.CREATED || m.phase().finished() ? 0 : Math.max(0, head - m.backfillPosition());
        Long total = m.total();
        BackfillProgress progress = BackfillProgress.of(m, meters.get(m.id()));
        String source = moved ? originDisplay() : JdbcUrls.masked(ends.current().getJdbcUrl());
        return new MigrationStatus(m.id(), source, plan.targetLog().display(), null, "copy", m.phase().name(), m.captureSeq(),
                m.copied(), total, progress.percent(), progress.etaSeconds(), progress.rate(), head, lag, primaryLag, m.verification(),
                m.freezeWindowMillis(), d.maxFreezeMillis(), m.message(), m.createdAt(), m.updatedAt(), plan.kind(),
                null, m.verifiedSeq(), null, d.maxRateOrNull(), List.of());
    }

    private String originDisplay() {
        HikariDataSource origin = ends.originIfOpen();
        return origin == null ? "(the business store the log moved from, not open in this process)"
                : JdbcUrls.masked(origin.getJdbcUrl());
    }

    @Override
    public void close() {
        ends.closeAll();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
