package io.bizmaster.migrate.logmove;

import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.broker.Destinations;
import io.bizmaster.log.BusinessStoreLocation;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.log.LogMoved;
import io.bizmaster.log.LogMoves;
import io.bizmaster.migrate.CutOverPlan;
import io.bizmaster.migrate.FreezeAborted;
import io.bizmaster.migrate.FreezeWindow;
import io.bizmaster.migrate.LogMovePlan;
import io.bizmaster.migrate.Migration;
import io.bizmaster.migrate.MigrationLimits;
import io.bizmaster.migrate.MigrationMetrics;
import io.bizmaster.migrate.MigrationPhase;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.pipeline.PipelineControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freeze of a log move's cut-over (and, the other way round, of its rollback): stop the intake, copy
 * the commands logged since the last copy, prove both logs identical up to the head, copy the state tables,
 * record the move, switch the business store, resume the intake. Bounded by the freeze budget up to the commit
 * point; past it the switch is done whatever the clock says.
 *
 * <p>The commit point is one transaction in the business store the migration started from (the one
 * {@code spring.datasource} names): on a cut-over, the {@code log_moved} redirect and the phase CUT_OVER; on a
 * rollback, its state tables copied back with the redirect cleared and the phase ROLLED_BACK. A restart with that
 * configuration therefore lands on the log the last committed switch chose.
 */
final class LogCutOver {

    private static final Logger LOG = LoggerFactory.getLogger(LogCutOver.class);

    /** For the dry run's estimate when no freeze was measured yet. */
    private static final long TYPICAL_FREEZE_MS = 150;
    /** Commands copied per millisecond inside the freeze (batched reads and inserts). */
    private static final long COPY_PER_MS = 20;

    private final LogMoveEnds ends;
    private final CommandLog log;
    private final PipelineControl pipeline;
    private final MigrationRepository state;
    private final LogCopier copier;
    private final LogComparison comparison;
    private final MigrationMetrics metrics;

    LogCutOver(LogMoveEnds ends, CommandLog log, PipelineControl pipeline, MigrationRepository state, LogCopier copier,
               LogComparison comparison, MigrationMetrics metrics) {
        this.ends = ends;
        this.log = log;
        this.pipeline = pipeline;
        this.state = state;
        this.copier = copier;
        this.comparison = comparison;
        this.metrics = metrics;
    }

    /** The log moves to the target-log. */
    void cutOver(Migration m) throws SQLException {
        run(m, ends.current(), ends.target(m), false);
    }

    /** The log moves back to the business store it came from; the target-log keeps its copy and is fed again. */
    void rollback(Migration m) throws SQLException {
        run(m, ends.current(), ends.origin(m), true);
    }

    /** A cut-over's checks, steps and an estimate of its freeze; changes nothing. */
    CutOverPlan plan(Migration m) throws SQLException {
        MigrationLimits limits = m.definition().limits();
        HikariDataSource to = ends.target(m);
        long head = log.head();
        long behind = requireClose(m, to, head);
        long base = m.freezeWindowMillis() == null ? TYPICAL_FREEZE_MS : m.freezeWindowMillis();
        long estimate = base + behind / COPY_PER_MS;
        String target = JdbcUrls.masked(to.getJdbcUrl());
        List<String> steps = List.of(
                "1. copy the commands logged since the last copy to " + target + " and prove them identical, before freezing",
                "2. freeze the intake: pause " + Destinations.COMMANDS + " at the broker, for every instance, and wait until "
                        + "no batch is in flight; POST /api/commands answers 503 with Retry-After",
                "3. copy the rest of the command log (" + behind + " commands now) and prove both logs identical up to the head",
                "4. copy BizMaster's state tables, record the move (a redirect in the old business store) and switch",
                "5. resume the intake on " + target + "; abort and resume on the old business store instead if the freeze "
                        + "passes " + limits.maxFreezeMillis() + " ms before the switch");
        String verdict = estimate <= limits.maxFreezeMillis()
                ? "a cut-over now would start; estimated freeze " + estimate + " ms of the " + limits.maxFreezeMillis() + " ms budget"
                : "a cut-over now would start but may abort: estimated freeze " + estimate + " ms is over the "
                        + limits.maxFreezeMillis() + " ms budget";
        return new CutOverPlan(m.id(), m.phase().name(), target, JdbcUrls.masked(ends.current().getJdbcUrl()), head,
                Map.of("target-log", behind), limits.maxCutoverLag(), m.verifiedSeq(), 0, m.freezeWindowMillis(), estimate,
                limits.maxFreezeMillis(), steps, verdict);
    }

    /**
     * Only the instance that runs a log move switches its business store: another instance running through the switch
     * would go on logging into the old one. Instances started after it follow the redirect the move leaves.
     */
    private void requireOneInstance(Migration m) {
        int others = pipeline.otherIntakeConsumers();
        if (others > 0) {
            throw new IllegalStateException("migration '" + m.id() + "': " + others + " other consumer(s) of "
                    + Destinations.COMMANDS + " (other BizMaster instances) would go on logging into the old business store "
                    + "after the switch; a log move runs with one instance: stop the others, cut over, start them again (they "
                    + "follow the move's redirect) — docs/MIGRATION.md");
        }
    }

    private long requireClose(Migration m, HikariDataSource to, long head) throws SQLException {
        requireOneInstance(m);
        // The freeze waits for what the intakes hold (prefetched included): only start when the queue is short.
        long backlog = pipeline.intakeBacklog();
        if (backlog > m.definition().limits().maxCutoverLag()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + backlog + " commands wait in biz.commands to be "
                    + "logged (max-cutover-lag " + m.definition().limits().maxCutoverLag() + "); try again when the intake is closer");
        }
        long behind = head - copier.highestSeq(to);
        if (behind > m.definition().limits().maxCutoverLag()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + behind + " commands are not copied to "
                    + JdbcUrls.masked(to.getJdbcUrl()) + " yet (max-cutover-lag " + m.definition().limits().maxCutoverLag()
                    + "); try again when the copy is closer");
        }
        return behind;
    }

    private void run(Migration m, HikariDataSource from, HikariDataSource to, boolean rollback) throws SQLException {
        MigrationLimits limits = m.definition().limits();
        MigrationPhase before = m.phase();
        MigrationPhase success = rollback ? MigrationPhase.ROLLED_BACK : MigrationPhase.CUT_OVER;
        requireClose(m, to, log.head());
        // Copy and prove up to the head just before freezing, so the freeze itself has only a few commands left.
        long copiedBefore = copier.copy(from, to, copier.highestSeq(to), log.head(), Integer.MAX_VALUE);
        long provenBefore = m.verifiedSeq() == null ? 0 : Math.min(m.verifiedSeq(), copiedBefore);
        int compareChunk = Math.max(limits.chunk(), 1_000);
        LogComparison.Result early = comparison.compare(from, to, provenBefore, copiedBefore, compareChunk);
        if (!early.equal()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + early.summary() + "; no cut-over");
        }
        provenBefore = early.verifiedSeq();
        m.verifiedSeq(provenBefore);
        Long verifiedBefore = m.verifiedSeq();
        m.phase(MigrationPhase.FREEZING);
        m.message("freezing: intake paused, copying the rest of the command log to " + JdbcUrls.masked(to.getJdbcUrl())
                + " (budget " + limits.maxFreezeMillis() + " ms)");
        state.save(m);
        FreezeWindow window = new FreezeWindow(pipeline, m.id(), limits.maxFreezeMillis());
        long head = -1;
        boolean committed = false;
        String outcome = null;
        try {
            window.freeze((rollback ? "rollback" : "cut-over") + " of migration " + m.id());
            head = log.head();
            long position = copiedBefore;
            while (position < head) {
                window.within("copying seq " + (position + 1) + ".." + head);
                position = copier.copy(from, to, position, head, limits.chunk());
            }
            window.lap("copied " + (head - copiedBefore) + " commands");
            window.within("copying the rest of the log");
            LogComparison.Result proof = comparison.compare(from, to, provenBefore, head, compareChunk);
            long highest = copier.highestSeq(to);
            if (!proof.equal() || highest != head) {
                throw new FreezeAborted("the logs are not identical at seq " + head + ": " + proof.summary()
                        + (highest != head ? "; the copy ends at seq " + highest : ""));
            }
            m.verification("log identical at seq " + head + ": " + proof.summary());
            window.lap("verified");
            window.within("proving both logs identical");
            m.phase(success);
            m.verifiedSeq(head);
            m.backfillPosition(head);
            m.message((rollback ? "rolled back" : "cut over") + " at seq " + head + " (freezing)");
            m.updatedAt(Instant.now());
            copyState(m, from, to);
            window.lap("state copied");
            if (!rollback) {
                window.within("copying the state tables");
            }
            // An instance started since the checks would miss the switch: still one, or no move.
            if (pipeline.otherIntakeConsumers() > 0) {
                throw new FreezeAborted("another BizMaster instance started consuming " + Destinations.COMMANDS
                        + " during the freeze; a log move runs with one instance");
            }
            // The commit point of a cut-over (a rollback's was the state copy into the old business store).
            committed = true;
            recordMove(m, from, to, head, rollback);
            ends.switchTo(m, to);
            window.lap("move recorded and switched");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            outcome = String.valueOf(e.getMessage());
            if (committed && rollback) {
                // Past a rollback's commit point: the old business store is authoritative, so switch regardless.
                LOG.error("Migration '{}': the rollback committed but recording the move back failed ({}); switching anyway",
                        m.id(), outcome);
                ends.switchTo(m, to);
                outcome = null;
            } else {
                m.phase(before);
                m.verifiedSeq(verifiedBefore);
                if (!rollback) {
                    undoHead(m, to);
                }
            }
        } finally {
            window.thaw();
        }
        long millis = window.millis();
        m.freezeWindowMillis(millis);
        metrics.freezeWindow(m.id(), rollback ? "rollback" : "cutover", outcome != null, millis);
        if (outcome == null) {
            m.message((rollback ? "rolled back" : "cut over") + " at seq " + head + ": the command log lives in "
                    + JdbcUrls.masked(to.getJdbcUrl()) + (rollback ? " again" : "") + "; freeze window " + millis
                    + " ms (budget " + limits.maxFreezeMillis() + " ms: " + window.laps() + ")");
            LOG.info("Migration '{}': {}", m.id(), m.message());
        } else {
            m.message((rollback ? "rollback" : "cut-over") + " aborted after " + millis + " ms (" + window.laps()
                    + "), intake resumed on " + JdbcUrls.masked(from.getJdbcUrl()) + ": " + outcome);
            LOG.warn("Migration '{}': {}", m.id(), m.message());
        }
        state.save(m);
        if (outcome != null) {
            throw new IllegalStateException(m.message());
        }
    }

    /**
     * The destination's state tables replaced by the source's, its own redirect cleared and the migration's row as
     * it is after the switch, in one transaction in the destination.
     */
    private void copyState(Migration m, HikariDataSource from, HikariDataSource to) throws SQLException {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            target.setAutoCommit(false);
            try {
                copier.copyState(source, target);
                LogMoves.clear(target);
                state.update(target, m);
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
        }
    }

    /**
     * The redirect in the business store the log leaves, with the phase, in one transaction. A cut-over's redirect
     * names the target-log with its password placeholder; a rollback's names the old business store as this process
     * reached it (masked URL, no password): a start on the abandoned copy is then refused rather than forking the log.
     */
    private void recordMove(Migration m, HikariDataSource from, HikariDataSource to, long head, boolean rollback)
            throws SQLException {
        BusinessStoreLocation where = rollback
                ? new BusinessStoreLocation(JdbcUrls.masked(to.getJdbcUrl()), to.getUsername(), null)
                : ((LogMovePlan) m.definition().plan()).targetLog();
        try (Connection c = from.getConnection()) {
            c.setAutoCommit(false);
            try {
                LogMoves.record(c, new LogMoved(where, head, m.id(), Instant.now()));
                state.update(c, m);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** An aborted cut-over leaves the target-log's head where it was, so nobody mistakes the copy for a live log. */
    private void undoHead(Migration m, HikariDataSource to) {
        try (Connection c = to.getConnection(); var ps = c.prepareStatement("UPDATE log_head SET seq = 0 WHERE id = 1")) {
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Migration '{}': cannot reset the log head of {}: {}", m.id(), JdbcUrls.masked(to.getJdbcUrl()),
                    e.getMessage());
        }
    }

}
